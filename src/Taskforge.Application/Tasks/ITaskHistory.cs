namespace Taskforge.Application.Tasks;

/// <summary>The recorded changes of tasks, written in the transaction of the change itself.</summary>
public interface ITaskHistory
{
    Task RecordAsync(IReadOnlyList<TaskHistoryEntry> entries, CancellationToken ct);

    /// <summary>True when the owner has (or had, until it is purged) a task with this id, deleted or not.</summary>
    Task<bool> IsKnownAsync(Guid ownerId, Guid taskId, CancellationToken ct);

    /// <summary>Up to <paramref name="take"/> entries of the task, newest first, after the key.</summary>
    Task<IReadOnlyList<TaskHistoryEntry>> ListAsync(
        Guid ownerId,
        Guid taskId,
        TaskHistoryKey? after,
        int take,
        CancellationToken ct
    );
}

/// <summary>One recorded change; <see cref="Changes"/> is the JSON object of <see cref="TaskDiff.ToJson"/>.</summary>
public sealed record TaskHistoryEntry(
    Guid Id,
    Guid TaskId,
    Guid OwnerId,
    DateTimeOffset OccurredAt,
    Guid ActorId,
    string Type,
    string Changes
)
{
    /// <summary>Set by the store: the order entries were written in.</summary>
    public long Sequence { get; init; }

    public static TaskHistoryEntry For(Guid ownerId, Guid taskId, Guid actorId, DateTimeOffset at, TaskDiff diff) =>
        new(Guid.CreateVersion7(at), taskId, ownerId, at, actorId, diff.Type, diff.ToJson());
}

/// <summary>The position of a history page: the sequence of its last entry.</summary>
public sealed record TaskHistoryKey(long Sequence);
