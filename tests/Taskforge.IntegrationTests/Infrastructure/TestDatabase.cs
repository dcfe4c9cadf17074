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
        Convert.ToInt64(
            await RunAsync(app, sql, id, command => command.ExecuteScalarAsync()),
            System.Globalization.CultureInfo.InvariantCulture
        );

    /// <summary>Runs a statement with one id parameter, <c>@id</c>, as <see cref="CountAsync"/> does; answers the rows touched.</summary>
    public static Task<int> ExecuteAsync(this TaskforgeApp app, string sql, Guid id) =>
        RunAsync(app, sql, id, command => command.ExecuteNonQueryAsync());

    /// <summary>
    /// Inserts users straight into the table (no password hashing), for lists longer than
    /// registering through the API would make affordable; their emails start with <paramref name="prefix"/>.
    /// </summary>
    public static async Task InsertUsersAsync(this TaskforgeApp app, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            var email = $"{prefix}-{i:D4}@example.test";
            var now =
                app is SqliteApp
                    ? "'"
                        + DateTime.UtcNow.ToString(
                            "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
                            System.Globalization.CultureInfo.InvariantCulture
                        )
                        + "'"
                    : "now()";
            var stamp = app is SqliteApp ? $"'{Guid.NewGuid()}'" : $"'{Guid.NewGuid()}'::uuid";
            await app.ExecuteAsync(
                $"""
                INSERT INTO users (id, email, email_normalized, first_name, last_name, role, password_hash, security_stamp,
                                   failed_login_count, locked_until, created_at, updated_at, deleted_at, version)
                VALUES (@id, '{email}', '{email.ToUpperInvariant()}', 'Bulk', 'User', 0, 'not-a-hash', {stamp}, 0, NULL, {now}, {now}, NULL, 1)
                """,
                id
            );
        }
    }

    /// <summary>
    /// Runs a query with an optional id parameter, <c>@id</c>, bound as <see cref="CountAsync"/> binds it,
    /// and reads every row with <paramref name="read"/>.
    /// </summary>
    public static Task<IReadOnlyList<T>> QueryAsync<T>(
        this TaskforgeApp app,
        string sql,
        Guid? id,
        Func<DbDataReader, T> read
    ) =>
        RunAsync<IReadOnlyList<T>>(
            app,
            sql,
            id,
            async command =>
            {
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<T>();
                while (await reader.ReadAsync())
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        );

    private static async Task<T> RunAsync<T>(TaskforgeApp app, string sql, Guid? id, Func<DbCommand, Task<T>> run)
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
        if (id is { } value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "id";
            parameter.Value = app is SqliteApp ? value.ToString("D") : value;
            command.Parameters.Add(parameter);
        }

        return await run(command);
    }
}
