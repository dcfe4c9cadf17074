using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Jobs;

/// <summary>
/// <c>due-reminders</c>: every task that is not completed and has reached its due time gets one
/// <c>task.due</c> event (mail, push and the feed follow from it). Each batch marks its tasks
/// and records their events in one transaction, so a due time fires exactly once.
/// </summary>
public sealed class SendDueReminders(IDueTasks dueTasks, IUnitOfWork unitOfWork, IEventOutbox outbox) : IScheduledJob
{
    private const int BatchSize = 200;

    public string Name => "due-reminders";

    public string DefaultCron => "0 * * * * ?";

    public async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        int fired;
        do
        {
            await using var transaction = await unitOfWork.BeginAsync(ct);
            var due = await dueTasks.TakeDueAsync(now, BatchSize, ct);
            await outbox.RecordAsync(
                due.Select(task => DomainEvent.ForTask(EventTypes.TaskDue, task, now)).ToList(),
                ct
            );
            await transaction.CommitAsync(ct);
            fired = due.Count;
        } while (fired == BatchSize);
    }
}
