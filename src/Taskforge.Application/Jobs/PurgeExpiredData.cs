using Taskforge.Application.Idempotency;

namespace Taskforge.Application.Jobs;

/// <summary>
/// <c>purge</c>: deletes for good what no one can see any more: rows soft-deleted more than 30
/// days ago, spent and expired refresh tokens, delivered events, succeeded webhook deliveries and
/// push delivery records after 7 days, idempotency keys after 24 hours, and mail files older than
/// 7 days. Batch by batch, so it never holds the database for long.
/// </summary>
public sealed class PurgeExpiredData(IRetention retention, IMailFiles mailFiles) : IScheduledJob
{
    public static readonly TimeSpan DeletedRetention = TimeSpan.FromDays(30);
    public static readonly TimeSpan EventRetention = TimeSpan.FromDays(7);
    public static readonly TimeSpan MailRetention = TimeSpan.FromDays(7);
    private const int BatchSize = 500;

    public string Name => "purge";

    public string DefaultCron => "0 0 3 * * ?";

    public async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var deletedBefore = now - DeletedRetention;
        await DrainAsync(batch => retention.PurgeDeletedTasksAsync(deletedBefore, batch, ct));
        await DrainAsync(batch => retention.PurgeDeletedProjectsAsync(deletedBefore, batch, ct));
        await DrainAsync(batch => retention.PurgeDeletedWebhooksAsync(deletedBefore, batch, ct));
        await DrainAsync(batch => retention.PurgeDeletedUsersAsync(deletedBefore, batch, ct));
        await DrainAsync(batch => retention.PurgeRefreshTokensAsync(now, deletedBefore, batch, ct));
        await DrainAsync(batch => retention.PurgeDeliveredEventsAsync(now - EventRetention, batch, ct));
        await DrainAsync(batch => retention.PurgeSucceededWebhookDeliveriesAsync(now - EventRetention, batch, ct));
        await DrainAsync(batch => retention.PurgePushDeliveriesAsync(now - EventRetention, batch, ct));
        await DrainAsync(batch => retention.PurgeIdempotencyKeysAsync(now - ClaimIdempotencyKey.Retention, batch, ct));
        mailFiles.DeleteOlderThan(now - MailRetention);
    }

    private static async Task DrainAsync(Func<int, Task<int>> purgeBatch)
    {
        while (await purgeBatch(BatchSize) == BatchSize) { }
    }
}
