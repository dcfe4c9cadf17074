using Taskforge.Application.Push;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Push subscriptions and their per-event outcomes; the statements are the same on SQLite and PostgreSQL.</summary>
public sealed class PushSubscriptionRepository(DbSession db) : IPushSubscriptionRepository
{
    private const string Columns = "id, user_id, endpoint, p256dh, auth, created_at";

    public async Task<PushSubscription?> FindByEndpointAsync(Guid userId, string endpoint, CancellationToken ct) =>
        (
            await db.QueryAsync<Row>(
                $"SELECT {Columns} FROM push_subscriptions WHERE user_id = @userId AND endpoint = @endpoint",
                new { userId, endpoint },
                ct
            )
        )
            .Select(r => r.ToSubscription())
            .FirstOrDefault();

    public async Task<bool> AddAsync(PushSubscription subscription, CancellationToken ct) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO push_subscriptions ({Columns})
            VALUES (@Id, @UserId, @Endpoint, @P256dh, @Auth, @CreatedAt)
            ON CONFLICT (user_id, endpoint) DO NOTHING
            """,
            subscription,
            ct
        ) > 0;

    public Task<long> CountAsync(Guid userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = @userId",
            new { userId },
            ct
        );

    public async Task<IReadOnlyList<PushSubscription>> ListAsync(
        Guid userId,
        PushSubscriptionListKey? after,
        int take,
        CancellationToken ct
    )
    {
        var keyset = after is null ? "" : "AND id > @afterId";
        var rows = await db.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM push_subscriptions
            WHERE user_id = @userId {keyset}
            ORDER BY id
            LIMIT @take
            """,
            new
            {
                userId,
                afterId = after?.Id,
                take,
            },
            ct
        );
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken ct) =>
        await db.ExecuteAsync(
            "DELETE FROM push_subscriptions WHERE id = @id AND user_id = @userId",
            new { id, userId },
            ct
        ) > 0;

    public async Task<IReadOnlyList<PushSubscription>> PendingAsync(Guid userId, Guid eventId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM push_subscriptions s
            WHERE user_id = @userId
              AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.event_id = @eventId AND d.subscription_id = s.id)
            ORDER BY id
            """,
            new { userId, eventId },
            ct
        );
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public Task RecordAsync(
        Guid eventId,
        Guid subscriptionId,
        PushOutcome outcome,
        DateTimeOffset at,
        CancellationToken ct
    ) =>
        db.ExecuteAsync(
            """
            INSERT INTO push_deliveries (event_id, subscription_id, status, recorded_at)
            VALUES (@eventId, @subscriptionId, @status, @at)
            ON CONFLICT (event_id, subscription_id) DO NOTHING
            """,
            new
            {
                eventId,
                subscriptionId,
                status = outcome.ToString().ToLowerInvariant(),
                at,
            },
            ct
        );

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public string Endpoint { get; set; } = "";
        public string P256dh { get; set; } = "";
        public string Auth { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        public PushSubscription ToSubscription() => new(Id, UserId, Endpoint, P256dh, Auth, CreatedAt);
    }
}
