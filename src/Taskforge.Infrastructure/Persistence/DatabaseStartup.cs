using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Application.Users;
using Taskforge.Infrastructure.Configuration;
using Taskforge.Infrastructure.Persistence.Migrations;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Before the server takes requests: migrate the schema and create the bootstrap admin.
/// Any failure becomes a <see cref="StartupException"/> naming the configuration key to fix.
/// </summary>
public sealed partial class DatabaseStartup(
    IServiceProvider services,
    IConfiguration configuration,
    ILogger<DatabaseStartup> logger
) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<Auth.JwtSettings>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        try
        {
            await services.GetRequiredService<MigrationRunner>().RunAsync(cancellationToken);
        }
        catch (Exception e)
            when (e
                    is DbException
                        or SocketException
                        or TimeoutException
                        or InvalidOperationException
                        or ArgumentException
                        or IOException
                        or UnauthorizedAccessException
            )
        {
            var key =
                settings.Provider == DatabaseProvider.Postgres
                    ? "ConnectionStrings:Postgres"
                    : "ConnectionStrings:Sqlite";
            throw new StartupException($"The {settings.Provider} database cannot be used ({key}): {e.Message}", e);
        }

        await BootstrapAdminAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BootstrapAdminAsync(CancellationToken ct)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            throw new StartupException("Bootstrap:AdminEmail and Bootstrap:AdminPassword must be set together.");
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().ExecuteAsync(email, password, ct);
        if (!result.IsSuccess)
        {
            var fields = result.Error.Fields is { } f
                ? " " + string.Join("; ", f.Select(e => $"{e.Key} {string.Join(" ", e.Value)}"))
                : "";
            throw new StartupException($"Bootstrap:AdminEmail/AdminPassword: {result.Error.Detail}{fields}");
        }

        if (result.Value == BootstrapOutcome.PasswordMismatch)
        {
            LogBootstrapPasswordMismatch();
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Bootstrap:AdminEmail names an existing account that is not an administrator, and "
            + "Bootstrap:AdminPassword is not its password, so it was not promoted. Set Bootstrap:AdminPassword "
            + "to that account's password, or have an administrator promote it."
    )]
    private partial void LogBootstrapPasswordMismatch();
}
