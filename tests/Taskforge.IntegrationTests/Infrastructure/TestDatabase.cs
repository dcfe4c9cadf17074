using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>Reads the app's own database directly, for facts no endpoint shows (yet).</summary>
public static class TestDatabase
{
    /// <summary>
    /// Runs a scalar query with one id parameter, <c>@id</c>, bound as each provider stores ids
    /// (text on SQLite, uuid on PostgreSQL). Write SQL both dialects accept.
    /// </summary>
    public static async Task<long> CountAsync(this TaskforgeApp app, string sql, Guid id) =>
        Convert.ToInt64(await RunAsync(app, sql, id, command => command.ExecuteScalarAsync()), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs a statement with one id parameter, <c>@id</c>, as <see cref="CountAsync"/> does; answers the rows touched.</summary>
    public static Task<int> ExecuteAsync(this TaskforgeApp app, string sql, Guid id) =>
        RunAsync(app, sql, id, command => command.ExecuteNonQueryAsync());

    private static async Task<T> RunAsync<T>(TaskforgeApp app, string sql, Guid id, Func<DbCommand, Task<T>> run)
    {
        await using DbConnection connection = app switch
        {
            SqliteApp sqlite => new SqliteConnection($"Data Source={sqlite.DatabaseFile}"),
            PostgresApp postgres => new NpgsqlConnection(postgres.ConnectionString),
            _ => throw new NotSupportedException(app.GetType().Name),
        };
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = app is SqliteApp ? id.ToString("D") : id;
        command.Parameters.Add(parameter);
        return await run(command);
    }
}
