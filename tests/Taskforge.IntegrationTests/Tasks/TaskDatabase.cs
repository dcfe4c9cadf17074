using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>Direct access to a test app's database, for what HTTP cannot show (soft-deleted rows, query plans).</summary>
public static class TaskDatabase
{
    public static async Task<DbConnection> OpenAsync(this TaskforgeApp app)
    {
        DbConnection connection = app switch
        {
            SqliteApp sqlite => new SqliteConnection($"Data Source={sqlite.DatabaseFile}"),
            PostgresApp postgres => new NpgsqlConnection(postgres.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown app {app.GetType().Name}."),
        };
        await connection.OpenAsync();
        return connection;
    }
}
