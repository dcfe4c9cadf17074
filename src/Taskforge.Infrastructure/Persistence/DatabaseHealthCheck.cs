using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Ready means the database answers a trivial query within two seconds.</summary>
public sealed class DatabaseHealthCheck(IConnectionFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    )
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var connection = await factory.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(
                new CommandDefinition("SELECT 1", cancellationToken: timeout.Token)
            );
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reason stays in the logs; the probe only needs the verdict.
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
