using System.Text.Json;
using Taskforge.Application.Common;
using Taskforge.Application.Webhooks;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Every statement names the owner: another user's webhook is never read or written.</summary>
public sealed class WebhookRepository(DbSession db) : IWebhookRepository
{
    private const string Columns =
        "id, owner_id, url, events, description, secret, active, consecutive_failures, created_at, updated_at, deleted_at, version";

    private bool Postgres => db.Factory.Provider == DatabaseProvider.Postgres;

    public Task AddAsync(Webhook webhook, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO webhooks (id, owner_id, url, events, description, secret, active, consecutive_failures,
                                  created_at, updated_at, deleted_at, version)
            VALUES (@Id, @OwnerId, @Url, @Events, @Description, @Secret, @Active, @ConsecutiveFailures,
                    @CreatedAt, @UpdatedAt, @DeletedAt, @Version)
            """,
            new
            {
                webhook.Id,
                webhook.OwnerId,
                webhook.Url,
                Events = JsonSerializer.Serialize(webhook.Events),
                webhook.Description,
                webhook.Secret,
                webhook.Active,
                webhook.ConsecutiveFailures,
                webhook.CreatedAt,
                webhook.UpdatedAt,
                webhook.DeletedAt,
                webhook.Version,
            },
            ct
        );

    // PostgreSQL: the owner's row lock makes concurrent creates of one user take turns. SQLite:
    // the write transaction already excludes every other writer.
    public async Task<int> CountHeldAsync(Guid ownerId, CancellationToken ct)
    {
        if (Postgres)
        {
            await db.ExecuteAsync("SELECT 1 FROM users WHERE id = @ownerId FOR UPDATE", new { ownerId }, ct);
        }

        return await db.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM webhooks WHERE owner_id = @ownerId AND deleted_at IS NULL",
            new { ownerId },
            ct
        );
    }

    public async Task<Webhook?> FindAsync(Guid ownerId, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<WebhookRow>(
            $"SELECT {Columns} FROM webhooks WHERE id = @id AND owner_id = @ownerId AND deleted_at IS NULL",
            new { id, ownerId },
            ct
        );
        return row?.ToWebhook();
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(WebhookListQuery query, CancellationToken ct)
    {
        var after = query.After is null ? "" : " AND (created_at, id) > (@afterCreatedAt, @afterId)";
        var rows = await db.QueryAsync<WebhookRow>(
            $"SELECT {Columns} FROM webhooks WHERE owner_id = @ownerId AND deleted_at IS NULL{after} ORDER BY created_at, id LIMIT @take",
            new
            {
                ownerId = query.OwnerId,
                afterCreatedAt = query.After?.CreatedAt ?? DateTimeOffset.UnixEpoch,
                afterId = query.After?.Id ?? Guid.Empty,
                take = query.Take,
            },
            ct
        );
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    public async Task<IReadOnlyList<Webhook>> ListActiveAsync(Guid ownerId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<WebhookRow>(
            $"SELECT {Columns} FROM webhooks WHERE owner_id = @ownerId AND deleted_at IS NULL AND active = @active",
            new { ownerId, active = true },
            ct
        );
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    public async Task<IReadOnlySet<Guid>> OwnersWithActiveAsync(
        IReadOnlyCollection<Guid> ownerIds,
        CancellationToken ct
    )
    {
        if (ownerIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var owners = await db.QueryAsync<Guid>(
            $"""
            SELECT DISTINCT owner_id FROM webhooks
            WHERE {IdLists.Matches(db.Factory.Provider, "owner_id", "ids")} AND deleted_at IS NULL AND active = @active
            """,
            new { ids = IdLists.Values(db.Factory.Provider, ownerIds), active = true },
            ct
        );
        return owners.ToHashSet();
    }

    // The failure count is the delivery loop's: a write here only resets it, when the stored
    // webhook goes from off to on, and never writes back a count it read earlier.
    public Task<WriteOutcome> UpdateAsync(Webhook webhook, long expectedVersion, CancellationToken ct) =>
        db.WriteAsync(
            """
            UPDATE webhooks
            SET url = @Url, events = @Events, description = @Description, active = @Active,
                consecutive_failures = CASE WHEN @Active AND NOT active THEN 0 ELSE consecutive_failures END,
                updated_at = @UpdatedAt, deleted_at = @DeletedAt, version = @Version
            WHERE id = @Id AND owner_id = @OwnerId AND version = @expectedVersion AND deleted_at IS NULL
            """,
            new
            {
                webhook.Id,
                webhook.OwnerId,
                webhook.Url,
                Events = JsonSerializer.Serialize(webhook.Events),
                webhook.Description,
                webhook.Active,
                webhook.UpdatedAt,
                webhook.DeletedAt,
                webhook.Version,
                expectedVersion,
            },
            ct
        );

    public Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE webhooks SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE owner_id = @ownerId AND deleted_at IS NULL",
            new { ownerId, now },
            ct
        );

    private sealed class WebhookRow
    {
        public Guid Id { get; set; }
        public Guid OwnerId { get; set; }
        public string Url { get; set; } = "";
        public string Events { get; set; } = "[]";
        public string? Description { get; set; }
        public string Secret { get; set; } = "";
        public bool Active { get; set; }
        public int ConsecutiveFailures { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }
        public long Version { get; set; }

        public Webhook ToWebhook() =>
            Webhook.Restore(
                new WebhookRecord(
                    Id,
                    OwnerId,
                    Url,
                    JsonSerializer.Deserialize<string[]>(Events) ?? [],
                    Description,
                    Secret,
                    Active,
                    ConsecutiveFailures,
                    CreatedAt,
                    UpdatedAt,
                    DeletedAt,
                    Version
                )
            );
    }
}
