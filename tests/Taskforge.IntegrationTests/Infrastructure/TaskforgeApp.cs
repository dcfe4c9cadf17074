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

    /// <summary>Fails the test class when an answer it received is not what /openapi/v1.json or v2.json says.</summary>
    private async Task CheckTrafficAgainstTheDocumentsAsync()
    {
        if (Traffic.Responses.IsEmpty)
        {
            return;
        }

        var recorded = Traffic.Responses.ToArray();
        var client = CreateClient();
        var checkers = new Dictionary<string, OpenApiTraffic>(StringComparer.Ordinal);
        foreach (var name in new[] { "v1", "v2" })
        {
            using var document = System.Text.Json.JsonDocument.Parse(
                await client.GetStringAsync($"/openapi/{name}.json")
            );
            checkers[name] = new OpenApiTraffic(document.RootElement.Clone());
        }

        var errors = recorded
            .SelectMany(r => checkers[OpenApiTraffic.DocumentFor(r.Path)].Check(r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{errors.Count} answers are not what the OpenAPI document says:\n" + string.Join("\n", errors.Take(50))
            );
        }
    }

    /// <summary>The settings that point another instance at this instance's database.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseConnection() => DatabaseSettings();

    protected abstract IReadOnlyDictionary<string, string?> DatabaseSettings();

    protected abstract Task DisposeDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));

        // Outermost, so it sees each answer exactly as the client gets it.
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
