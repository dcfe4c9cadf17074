using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Auth;

/// <summary>
/// The <c>Jwt:*</c> settings, with the signing keys resolved and checked once at startup: every
/// listed key verifies tokens, the active one signs them (its id travels as the token's <c>kid</c>).
/// </summary>
public sealed partial record JwtSettings(
    IReadOnlyDictionary<string, byte[]> SigningKeys,
    string ActiveKeyId,
    string Issuer,
    string Audience,
    TimeSpan AccessTokenLifetime
)
{
    public const int MinKeyBytes = 32;

    /// <summary>The id of <c>Jwt:SigningKey</c>, which is listed beside any <c>Jwt:SigningKeys:*</c>.</summary>
    public const string SingleKeyId = "default";

    private const string DevelopmentKeyFile = "data/jwt-signing-key";

    public byte[] ActiveKey => SigningKeys[ActiveKeyId];

    public static JwtSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Jwt");
        var keys = ConfiguredKeys(section);
        if (keys.Count == 0)
        {
            keys[SingleKeyId] = DevelopmentKey(environment);
        }

        return new JwtSettings(
            keys,
            ActiveKeyIdOf(section, keys),
            section["Issuer"] is { Length: > 0 } issuer ? issuer : "taskforge",
            section["Audience"] is { Length: > 0 } audience ? audience : "taskforge-api",
            AccessTokenLifetimeOf(section)
        );
    }

    // Jwt:SigningKey is the key "default"; Jwt:SigningKeys:<kid> adds more. An empty value lists
    // nothing, so an environment variable set to "" removes a key from a file-based setting.
    private static Dictionary<string, byte[]> ConfiguredKeys(IConfigurationSection section)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        if (section["SigningKey"] is { Length: > 0 } single)
        {
            keys[SingleKeyId] = Checked("Jwt:SigningKey", single);
        }

        foreach (var entry in section.GetSection("SigningKeys").GetChildren())
        {
            if (entry.Value is not { Length: > 0 } value)
            {
                continue;
            }

            var name = $"Jwt:SigningKeys:{entry.Key}";
            if (!KeyIdPattern().IsMatch(entry.Key))
            {
                throw new StartupException($"{name}: a key id is 1 to 64 letters, digits, '.', '_' or '-'.");
            }

            if (keys.ContainsKey(entry.Key))
            {
                throw new StartupException($"{name} clashes with Jwt:SigningKey, which is the key '{SingleKeyId}'.");
            }

            keys[entry.Key] = Checked(name, value);
        }

        return keys;
    }

    private static byte[] Checked(string name, string value)
    {
        var key = Encoding.UTF8.GetBytes(value);
        return key.Length >= MinKeyBytes
            ? key
            : throw new StartupException($"{name} must be at least {MinKeyBytes} bytes; it has {key.Length}.");
    }

    private static string ActiveKeyIdOf(IConfigurationSection section, Dictionary<string, byte[]> keys)
    {
        if (section["ActiveKeyId"] is not { Length: > 0 } active)
        {
            return keys.Count == 1
                ? keys.Keys.Single()
                : throw new StartupException(
                    "Jwt:ActiveKeyId is required when several signing keys are listed: it names the one that signs."
                );
        }

        // The listed spelling, so the kid in new tokens matches the key's own name exactly.
        return keys.Keys.FirstOrDefault(id => string.Equals(id, active, StringComparison.OrdinalIgnoreCase))
            ?? throw new StartupException(
                $"Jwt:ActiveKeyId is '{active}', which is not a listed key (Jwt:SigningKeys:{active} or Jwt:SigningKey for '{SingleKeyId}')."
            );
    }

    private static TimeSpan AccessTokenLifetimeOf(IConfigurationSection section)
    {
        var minutesText = section["AccessTokenMinutes"];
        var minutes = 15;
        if (
            (
                minutesText is not null
                && !int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out minutes)
            ) || minutes is < 1 or > 24 * 60
        )
        {
            throw new StartupException("Jwt:AccessTokenMinutes must be a whole number between 1 and 1440.");
        }

        return TimeSpan.FromMinutes(minutes);
    }

    // In Development a key is made once and kept, so tokens survive restarts; elsewhere a
    // missing key is a deployment mistake, and guessing one would hide it.
    private static byte[] DevelopmentKey(IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            throw new StartupException(
                "Jwt:SigningKey (or Jwt:SigningKeys:<kid>) is required outside Development (at least 32 bytes, from the environment or a secrets file)."
            );
        }

        var path = Path.Combine(environment.ContentRootPath, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        return Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
