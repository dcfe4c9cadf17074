namespace Taskforge.IntegrationTests.Infrastructure;

public static class BackgroundWorkSettings
{
    /// <summary>Short sweeps, retries and leases, so background work shows within a test's deadline.</summary>
    public static TaskforgeApp WithFastWorkers(this TaskforgeApp app) =>
        app.With("Workers:PollSeconds", "0.1")
            .With("Workers:RetryBaseSeconds", "0.05")
            .With("Workers:RetryMaxSeconds", "0.3")
            .With("Workers:LeaseSeconds", "5");

    /// <summary>Mail through the given SMTP sink.</summary>
    public static TaskforgeApp WithSmtp(this TaskforgeApp app, int port) =>
        app.With("Email:Smtp:Host", "127.0.0.1")
            .With("Email:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>How many events of a type the outbox holds for a user.</summary>
    public static Task<long> EventCountAsync(this TaskforgeApp app, Guid userId, string type) =>
        app.CountAsync($"SELECT COUNT(*) FROM outbox_events WHERE user_id = @id AND type = '{type}'", userId);

    /// <summary>How many of a user's events a consumer has delivered.</summary>
    public static Task<long> DeliveredCountAsync(this TaskforgeApp app, Guid userId, string consumer) =>
        app.CountAsync(
            $"""
            SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE e.user_id = @id AND d.consumer = '{consumer}' AND d.status = 1
            """,
            userId
        );
}
