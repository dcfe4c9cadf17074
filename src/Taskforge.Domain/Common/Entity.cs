namespace Taskforge.Domain.Common;

/// <summary>What every stored thing has: a time-ordered id, timestamps, a soft-delete mark and a version.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; }

    public DateTimeOffset CreatedAt { get; protected init; }

    public DateTimeOffset UpdatedAt { get; protected set; }

    public DateTimeOffset? DeletedAt { get; protected set; }

    /// <summary>Incremented by every write; it backs the strong ETag and optimistic concurrency.</summary>
    public long Version { get; protected set; }

    public bool IsDeleted => DeletedAt is not null;

    protected Entity() { }

    protected Entity(DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    protected void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void MarkDeleted(DateTimeOffset now)
    {
        DeletedAt = now;
        Touch(now);
    }
}
