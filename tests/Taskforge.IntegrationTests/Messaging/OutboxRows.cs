using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Messaging;

/// <summary>A user's events and their <c>publish</c> deliveries, read straight from the app's database.</summary>
public static class OutboxRows
{
    public sealed record Event(Guid Id, string Type, string Envelope, bool FannedOut);

    public sealed record Delivery(Guid EventId, int Status, int Attempts, bool Leased, string? LastError);

    public static async Task<IReadOnlyList<Event>> EventsOfAsync(this TaskforgeApp app, Guid userId) =>
        await QueryAsync(
            app,
            "SELECT id, type, envelope, fanned_out FROM outbox_events WHERE user_id = @id ORDER BY occurred_at, id",
            userId,
            row => new Event(
                ReadGuid(row, 0),
                row.GetString(1),
                row.GetString(2),
                Convert.ToBoolean(row.GetValue(3), CultureInfo.InvariantCulture)
            )
        );

    public static async Task<IReadOnlyList<Delivery>> PublishDeliveriesOfAsync(this TaskforgeApp app, Guid userId) =>
        await QueryAsync(
            app,
            """
            SELECT d.event_id, d.status, d.attempts, d.lease_until, d.last_error
            FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE e.user_id = @id AND d.consumer = 'publish'
            """,
            userId,
            row => new Delivery(
                ReadGuid(row, 0),
                Convert.ToInt32(row.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(row.GetValue(2), CultureInfo.InvariantCulture),
                !row.IsDBNull(3),
                row.IsDBNull(4) ? null : row.GetString(4)
            )
        );

    private static Guid ReadGuid(DbDataReader row, int column) =>
        row.GetValue(column) is Guid id ? id : Guid.Parse(row.GetString(column));

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(
        TaskforgeApp app,
        string sql,
        Guid id,
        Func<DbDataReader, T> read
    )
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
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
