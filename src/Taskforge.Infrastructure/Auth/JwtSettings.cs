using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Auth;

/// <summary>The <c>Jwt:*</c> settings, with the signing key resolved and checked once at startup.</summary>
public sealed record JwtSettings(byte[] SigningKey, string Issuer, string Audience, TimeSpan AccessTokenLifetime)
{
    public const int MinKeyBytes = 32;
    private const string DevelopmentKeyFile = "data/jwt-signing-key";

    public static JwtSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Jwt");
        var key = section["SigningKey"] is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : DevelopmentKey(environment);
        if (key.Length < MinKeyBytes)
        {
            throw new StartupException($"Jwt:SigningKey must be at least {MinKeyBytes} bytes; it has {key.Length}.");
        }

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

        return new JwtSettings(
            key,
            section["Issuer"] is { Length: > 0 } issuer ? issuer : "taskforge",
            section["Audience"] is { Length: > 0 } audience ? audience : "taskforge-api",
            TimeSpan.FromMinutes(minutes)
        );
    }

    // In Development a key is made once and kept, so tokens survive restarts; elsewhere a
    // missing key is a deployment mistake, and guessing one would hide it.
    private static byte[] DevelopmentKey(IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            throw new StartupException(
                "Jwt:SigningKey is required outside Development (at least 32 bytes, from the environment or a secret store)."
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
}
