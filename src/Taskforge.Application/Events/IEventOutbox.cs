namespace Taskforge.Application.Events;

/// <summary>
/// Records events in the current unit of work's transaction, so an event exists exactly when
/// the change it describes was committed. Delivery happens later, outside the request.
/// </summary>
public interface IEventOutbox
{
    Task RecordAsync(DomainEvent domainEvent, CancellationToken ct);

    Task RecordAsync(IReadOnlyList<DomainEvent> domainEvents, CancellationToken ct);
}
