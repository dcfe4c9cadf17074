using System.Text.Json;
using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Push;

/// <summary>
/// The push consumer: a due task goes to every push subscription of its owner (if they want
/// push reminders), carrying the notification as JSON. Each subscription's outcome is recorded,
/// so a retry (one push service answered 5xx) resends only to the subscriptions still pending.
/// </summary>
public sealed class SendPushReminder(
    IPushService push,
    IPushSubscriptionRepository subscriptions,
    INotificationSettingsRepository settings,
    TimeProvider time
) : IEventConsumer
{
    public string Name => "push";

    public bool Accepts(string eventType) => eventType == EventTypes.TaskDue;

    public async Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (push.PublicKey is null || envelope.UserId is not { } userId)
        {
            return;
        }

        if (!(await settings.GetAsync(userId, ct)).PushReminders)
        {
            return;
        }

        var payload = Payload(envelope);
        var retry = new List<Exception>();
        foreach (var subscription in await subscriptions.PendingAsync(userId, envelope.Id, ct))
        {
            try
            {
                var outcome = await push.SendAsync(subscription, payload, ct);
                if (outcome == PushOutcome.Gone)
                {
                    await subscriptions.DeleteAsync(userId, subscription.Id, ct);
                }

                await subscriptions.RecordAsync(envelope.Id, subscription.Id, outcome, time.Now(), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                retry.Add(e);
            }
        }

        if (retry.Count > 0)
        {
            throw new AggregateException("Some push services asked to try again later.", retry);
        }
    }

    private static byte[] Payload(EventEnvelope envelope)
    {
        var task = envelope.Data();
        return JsonSerializer.SerializeToUtf8Bytes(
            new PushNotification(
                envelope.Id,
                NotificationTypes.TaskDue,
                StoreNotification.TaskDueTitle(task),
                StoreNotification.TaskDueBody(task),
                task.GetProperty("id").GetGuid(),
                envelope.OccurredAt.UtcDateTime
            ),
            PushJson.Default.PushNotification
        );
    }
}

/// <summary>What a push message carries: the notification as the feed shows it (eventId names the event it is about).</summary>
public sealed record PushNotification(
    Guid EventId,
    string Type,
    string Title,
    string Body,
    Guid? TaskId,
    DateTime CreatedAt
);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(PushNotification))]
internal sealed partial class PushJson : System.Text.Json.Serialization.JsonSerializerContext;
