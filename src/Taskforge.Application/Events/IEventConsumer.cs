namespace Taskforge.Application.Events;

/// <summary>
/// One channel an event goes out on (mail, RabbitMQ, ...). Each consumer gets its own delivery
/// of every event it accepts, with its own attempts; a failure (an exception) is retried with
/// backoff and, after the last attempt, kept as a dead letter. Deliveries can repeat after a
/// crash: consumers, or their receivers, drop duplicates by <see cref="EventEnvelope.Id"/>.
/// </summary>
public interface IEventConsumer
{
    /// <summary>The name stored with each delivery and shown as a dead letter's <c>kind</c>.</summary>
    string Name { get; }

    bool Accepts(string eventType);

    Task DeliverAsync(EventEnvelope envelope, CancellationToken ct);
}
