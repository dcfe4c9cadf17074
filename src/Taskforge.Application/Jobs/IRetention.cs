namespace Taskforge.Application.Jobs;

/// <summary>
/// What the purge job deletes for good. Every method deletes at most <c>batch</c> rows in one
/// short transaction and answers how many it deleted, so writers are never locked out for long.
/// </summary>
public interface IRetention
{
    /// <summary>Tasks (with their tags) soft-deleted before <paramref name="before"/>.</summary>
    Task<int> PurgeDeletedTasksAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Projects soft-deleted before <paramref name="before"/> that no task row refers to any more.</summary>
    Task<int> PurgeDeletedProjectsAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Webhooks soft-deleted before <paramref name="before"/>, with their deliveries.</summary>
    Task<int> PurgeDeletedWebhooksAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Webhook deliveries that succeeded before <paramref name="before"/> (failed ones stay, as dead letters).</summary>
    Task<int> PurgeSucceededWebhookDeliveriesAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Records of how each push subscription took an event, older than <paramref name="before"/> (the event is purged by then too).</summary>
    Task<int> PurgePushDeliveriesAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Accounts deleted before <paramref name="before"/> whose projects and webhooks are gone, with their tokens, settings and push subscriptions.</summary>
    Task<int> PurgeDeletedUsersAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Refresh tokens past their expiry, and revoked ones revoked before <paramref name="revokedBefore"/>.</summary>
    Task<int> PurgeRefreshTokensAsync(
        DateTimeOffset now,
        DateTimeOffset revokedBefore,
        int batch,
        CancellationToken ct
    );

    /// <summary>Events older than <paramref name="before"/> that every consumer has received (dead letters stay).</summary>
    Task<int> PurgeDeliveredEventsAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>Idempotency keys first used before <paramref name="before"/>, with their kept answers.</summary>
    Task<int> PurgeIdempotencyKeysAsync(DateTimeOffset before, int batch, CancellationToken ct);
}

/// <summary>Files the service writes for people to read (mail without SMTP), removed after a while.</summary>
public interface IMailFiles
{
    int DeleteOlderThan(DateTimeOffset before);
}
