using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Taskforge.IntegrationTests.Infrastructure.ApiContract;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// The whole application over HTTP, on a real database of its own. Each test class gets one
/// (a class fixture); tests inside it stay apart by registering their own users.
/// </summary>
public abstract class TaskforgeApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@taskforge.test";
    public const string AdminPassword = "admin-password-1";
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _overrides = new(StringComparer.Ordinal);
    private IPAddress? _peer;

    public abstract string Provider { get; }

    /// <summary>The warnings and errors the app has logged so far.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Sets configuration before the first request starts the app (e.g. to switch rate limits on).</summary>
    public TaskforgeApp With(string key, string? value)
    {
        _overrides[key] = value;
        return this;
    }

    /// <summary>Makes every request arrive from this address (the test server has no real peer).</summary>
    public TaskforgeApp FromPeer(IPAddress address)
    {
        _peer = address;
        return this;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Every answer of a documented route so far; checked against the OpenAPI documents when the fixture ends.</summary>
    public ResponseRecorder Traffic { get; } = new();

    async Task IAsyncLifetime.DisposeAsync()
    {
        try
        {
            await CheckTrafficAgainstTheDocumentsAsync();
        }
        finally
        {
            await DisposeDatabaseAsync();
        }
    }

    /// <summary>Reports (again, together) every answer that was off the document, when the test class ends.</summary>
    private Task CheckTrafficAgainstTheDocumentsAsync()
    {
        var violations = Traffic.Violations.Distinct(StringComparer.Ordinal).ToList();
        return violations.Count == 0
            ? Task.CompletedTask
            : throw new Xunit.Sdk.XunitException(
                $"{violations.Count} answers are not what the OpenAPI document says:\n"
                    + string.Join("\n", violations.Take(50))
            );
    }

    private Dictionary<string, Lazy<Task<OpenApiTraffic>>>? _documents;

    /// <summary>The checks of one answer against the document of its version, fetched once from this app.</summary>
    private async Task<IReadOnlyList<string>> CheckAsync(RecordedResponse response)
    {
        _documents ??= new[] { "v1", "v2" }.ToDictionary(
            name => name,
            name => new Lazy<Task<OpenApiTraffic>>(async () =>
            {
                using var document = System.Text.Json.JsonDocument.Parse(
                    await Server.CreateClient().GetStringAsync($"/openapi/{name}.json")
                );
                return new OpenApiTraffic(document.RootElement.Clone());
            }),
            StringComparer.Ordinal
        );
        var checker = await _documents[OpenApiTraffic.DocumentFor(response.Path)].Value;
        return checker.Check(response);
    }

    /// <summary>The settings that point another instance at this instance's database.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseConnection() => DatabaseSettings();

    /// <summary>
    /// The same settings as environment variables (<c>Database__Provider</c>, ...), for a service
    /// process started on this instance's database; a test adds its own to the dictionary.
    /// </summary>
    public Dictionary<string, string> DatabaseEnvironment() =>
        DatabaseSettings()
            .ToDictionary(
                setting => setting.Key.Replace(":", "__", StringComparison.Ordinal),
                setting => setting.Value!,
                StringComparer.Ordinal
            );

    protected abstract IReadOnlyDictionary<string, string?> DatabaseSettings();

    protected abstract Task DisposeDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));

        // Outermost, so it sees each answer exactly as the client gets it.
        Traffic.Check = CheckAsync;
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Traffic));
        if (_peer is { } peer)
        {
            builder.ConfigureServices(services =>
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RemotePeer(peer))
            );
        }

        builder.ConfigureAppConfiguration(
            (_, configuration) =>
            {
                var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["Jwt:SigningKey"] = SigningKey,
                    ["Bootstrap:AdminEmail"] = AdminEmail,
                    ["Bootstrap:AdminPassword"] = AdminPassword,
                    ["RateLimiting:Enabled"] = "false",
                    // A fiftieth of the default's PBKDF2 work: the suite registers and logs in
                    // thousands of accounts, and at full cost hashing was a quarter of its CPU.
                    ["Testing:PasswordHashIterations"] = "2000",
                };
                foreach (var (key, value) in DatabaseSettings())
                {
                    settings[key] = value;
                }

                foreach (var (key, value) in _overrides)
                {
                    settings[key] = value;
                }

                configuration.AddInMemoryCollection(settings);
            }
        );
    }
}
