using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>One row of <c>outbox_events</c>: its columns, and its envelope parsed.</summary>
public sealed record OutboxEvent(Guid Id, string Type, Guid? UserId, DateTimeOffset OccurredAt, JsonElement Envelope)
{
    public JsonElement Data => Envelope.GetProperty("data");
}

/// <summary>
/// Reads the events the app recorded, straight from <c>outbox_events</c>. The rows stay after the
/// dispatcher fans them out, so what they say does not depend on when it runs.
/// </summary>
public static class OutboxReader
{
    private const string Columns = "SELECT id, type, user_id, occurred_at, envelope FROM outbox_events";

    public static Task<IReadOnlyList<OutboxEvent>> OutboxEventsAsync(this TaskforgeApp app, Guid userId) =>
        app.QueryAsync($"{Columns} WHERE user_id = @id ORDER BY occurred_at, id", userId, Read);

    /// <summary>Every event of every user, for writes that fail before a user exists.</summary>
    public static Task<IReadOnlyList<OutboxEvent>> AllOutboxEventsAsync(this TaskforgeApp app) =>
        app.QueryAsync($"{Columns} ORDER BY occurred_at, id", null, Read);

    /// <summary>The deliveries the fan-out made of the user's events: which consumer got which event.</summary>
    public static Task<IReadOnlyList<(Guid EventId, string Consumer)>> DeliveriesOfAsync(
        this TaskforgeApp app,
        Guid userId
    ) =>
        app.QueryAsync(
            """
            SELECT d.event_id, d.consumer FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE e.user_id = @id
            """,
            userId,
            row => (IdOf(row.GetValue(0)), row.GetString(1))
        );

    /// <summary>Whether the dispatcher has fanned the event out (made every delivery it will get).</summary>
    public static async Task<bool> IsFannedOutAsync(this TaskforgeApp app, Guid eventId) =>
        await app.CountAsync("SELECT COUNT(*) FROM outbox_events WHERE id = @id AND fanned_out = true", eventId) == 1;

    // SQLite keeps ids as lowercase text and times as UTC text; PostgreSQL as uuid and timestamptz.
    private static OutboxEvent Read(DbDataReader row)
    {
        using var envelope = JsonDocument.Parse(row.GetString(4));
        return new OutboxEvent(
            IdOf(row.GetValue(0)),
            row.GetString(1),
            row.IsDBNull(2) ? null : IdOf(row.GetValue(2)),
            TimeOf(row.GetValue(3)),
            envelope.RootElement.Clone()
        );
    }

    private static Guid IdOf(object value) =>
        value switch
        {
            Guid id => id,
            string text when !text.Any(char.IsUpper) => Guid.ParseExact(text, "D"),
            _ => throw new InvalidOperationException($"'{value}' is not an id as the outbox stores ids."),
        };

    private static DateTimeOffset TimeOf(object value) =>
        value switch
        {
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset time => time.ToUniversalTime(),
            string text => DateTimeOffset.Parse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal
            ),
            _ => throw new InvalidOperationException($"'{value}' is not a time as the outbox stores times."),
        };
}
