using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Taskforge.Infrastructure.Persistence.Migrations;

/// <summary>
/// Applies the versioned SQL scripts embedded beside this file, in name order, each once,
/// recording them in <c>schema_migrations</c>. A lock makes instances that start together
/// take turns: PostgreSQL's advisory lock, SQLite's write lock (BEGIN IMMEDIATE).
/// </summary>
public sealed partial class MigrationRunner(IConnectionFactory factory, ILogger<MigrationRunner> logger)
{
    private const long PostgresLockKey = 0x7461736B666F7267; // "taskforg"

    public async Task RunAsync(CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers proceed while one writer commits; the mode is stored in the file.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await RunLockedAsync(connection, ct);
            return;
        }

        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey });
        try
        {
            await RunLockedAsync(connection, ct);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
        }
    }

    private async Task RunLockedAsync(DbConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
            transaction: transaction
        );
        var applied = (
            await connection.QueryAsync<string>("SELECT version FROM schema_migrations", transaction: transaction)
        ).ToHashSet(StringComparer.Ordinal);

        foreach (var (version, sql) in Scripts(factory.Provider))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @appliedAt)",
                new { version, appliedAt = DateTimeOffset.UtcNow.ToString("O") },
                transaction
            );
            LogApplied(version);
        }

        await transaction.CommitAsync(ct);
    }

    public static IEnumerable<(string Version, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"{typeof(MigrationRunner).Namespace}.{provider}.";
        foreach (
            var name in assembly
                .GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
        )
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version}")]
    private partial void LogApplied(string version);
}
