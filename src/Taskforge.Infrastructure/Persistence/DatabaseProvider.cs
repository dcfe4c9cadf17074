using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The database chosen by configuration: <c>Database:Provider</c>, its connection string, and on
/// PostgreSQL how many write transactions one instance runs at once (<c>Database:ConcurrentWrites</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, int ConcurrentWrites)
{
    public const string DefaultSqlite = "Data Source=data/taskforge.db";

    /// <summary>
    /// Twice the processor count (4 on the bench's two cores, where 4 and 8 wrote about as fast
    /// and 4 had the lower p99). It counts this instance's cores, not the database server's.
    /// </summary>
    public static int DefaultConcurrentWrites => 2 * Environment.ProcessorCount;

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) || int.TryParse(name, out _))
        {
            throw new StartupException($"Database:Provider '{name}' is unknown; use 'Sqlite' or 'Postgres'.");
        }

        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => configuration.GetConnectionString("Sqlite") is { Length: > 0 } sqlite
                ? sqlite
                : DefaultSqlite,
            _ => configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres
                ? postgres
                : throw new StartupException(
                    "ConnectionStrings:Postgres is required when Database:Provider is 'Postgres'."
                ),
        };
        var writes = configuration["Database:ConcurrentWrites"];
        var concurrentWrites = DefaultConcurrentWrites;
        if (writes is not null && (!int.TryParse(writes, out concurrentWrites) || concurrentWrites < 1))
        {
            throw new StartupException($"Database:ConcurrentWrites '{writes}' must be a whole number of at least 1.");
        }

        return new DatabaseSettings(provider, connectionString, concurrentWrites);
    }
}
