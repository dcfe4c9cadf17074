using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database chosen by configuration: <c>Database:Provider</c> and its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/taskforge.db";

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
        return new DatabaseSettings(provider, connectionString);
    }
}
