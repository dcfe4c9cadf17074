using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Webhooks;

/// <summary>
/// The <c>webhooks</c> consumer: turns each public event of a user into one pending delivery per
/// webhook of that user that is on and subscribes to the type. Sending is the delivery loop's work.
/// </summary>
public sealed class QueueWebhookDeliveries(IWebhookRepository webhooks, IWebhookDeliveries deliveries) : IEventConsumer
{
    public string Name => "webhooks";

    public bool Accepts(string eventType) => EventTypes.IsPublic(eventType);

    // Most users have no webhook: their events need no delivery here at all. A webhook created
    // after the fan-out came after the event too, and so never asked for it (see DeliverAsync).
    public async Task<IReadOnlySet<Guid>?> UsersWithWorkAsync(
        IReadOnlyCollection<Guid> userIds,
        CancellationToken ct
    ) => await webhooks.OwnersWithActiveAsync(userIds, ct);

    public async Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.UserId is not { } userId)
        {
            return;
        }

        // A webhook created after the event did not ask for it.
        var subscribed = (await webhooks.ListActiveAsync(userId, ct))
            .Where(w => w.Subscribes(envelope.Type) && w.CreatedAt <= envelope.OccurredAt)
            .Select(w => w.Id)
            .ToList();
        if (subscribed.Count > 0)
        {
            await deliveries.QueueAsync(subscribed, envelope, ct);
        }
    }
}
