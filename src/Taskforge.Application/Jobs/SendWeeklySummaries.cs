using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Jobs;

/// <summary>
/// <c>weekly-summary</c>: for each account that wants it, the week's completed, overdue and
/// coming tasks, recorded as an <c>internal.weekly_summary</c> event that the mail consumer
/// sends (with retries) like any other.
/// </summary>
public sealed class SendWeeklySummaries(
    ISummaries summaries,
    INotificationSettingsRepository settings,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox
) : IScheduledJob
{
    private const int BatchSize = 100;

    public string Name => "weekly-summary";

    public string DefaultCron => "0 0 8 ? * MON";

    public async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var userIds = await summaries.ListUserIdsAsync(after, BatchSize, ct);
            if (userIds.Count == 0)
            {
                return;
            }

            var events = new List<DomainEvent>(userIds.Count);
            foreach (var userId in userIds)
            {
                if ((await settings.GetAsync(userId, ct)).EmailWeeklySummary)
                {
                    var summary = await summaries.SummarizeWeekAsync(userId, now, ct);
                    events.Add(DomainEvent.Of(EventTypes.WeeklySummary, userId, summary, now));
                }
            }

            await using (var transaction = await unitOfWork.BeginAsync(ct))
            {
                await outbox.RecordAsync(events, ct);
                await transaction.CommitAsync(ct);
            }

            after = userIds[^1];
        }
    }
}
