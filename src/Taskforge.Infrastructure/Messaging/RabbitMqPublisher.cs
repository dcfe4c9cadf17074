using System.Text;
using RabbitMQ.Client;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Infrastructure.Messaging;

/// <summary>
/// Publishes every public event to the durable topic exchange <c>taskforge.events</c>: routing key
/// the event type, body the envelope, <c>message_id</c> the event id, persistent, confirmed by the
/// broker. Without <c>ConnectionStrings:RabbitMq</c> it accepts nothing, so no delivery is ever
/// made for it. An unreachable broker or a nack is an exception: the dispatcher retries.
/// </summary>
public sealed class RabbitMqPublisher(RabbitMqConnection connection) : IEventConsumer
{
    // Longer than a healthy broker ever needs, short enough to hand a stuck one back to the retries.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public string Name => "publish";

    public bool Accepts(string eventType) => connection.IsConfigured && EventTypes.IsPublic(eventType);

    public Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var properties = new BasicProperties
        {
            MessageId = envelope.Id.ToString(),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Type = envelope.Type,
            Timestamp = new AmqpTimestamp(envelope.OccurredAt.ToUnixTimeSeconds()),
        };
        return connection.PublishAsync(
            envelope.Type,
            properties,
            Encoding.UTF8.GetBytes(envelope.Json),
            PublishTimeout,
            ct
        );
    }
}
