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

    /// <summary>
    /// Of the users whose events are being fanned out, those this consumer may have work for:
    /// the others' events get no delivery from it, so no row is written, claimed and recorded
    /// for nothing. Null (the default): every event it accepts gets a delivery. Events without
    /// a user get one only then.
    /// </summary>
    Task<IReadOnlySet<Guid>?> UsersWithWorkAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>?>(null);

    Task DeliverAsync(EventEnvelope envelope, CancellationToken ct);
}
