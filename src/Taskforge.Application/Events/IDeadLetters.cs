using Taskforge.Application.Common;

namespace Taskforge.Application.Events;

/// <summary>Deliveries that gave up after their last attempt, for administrators to read and retry.</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKey? after, int take, CancellationToken ct);

    /// <summary>Makes a dead letter pending again, with fresh attempts; false when no dead letter has that id.</summary>
    Task<bool> RetryAsync(Guid id, DateTimeOffset now, CancellationToken ct);
}

public sealed record DeadLetter(
    Guid Id,
    string Kind,
    Guid EventId,
    int Attempts,
    string? LastError,
    DateTimeOffset FailedAt
);

/// <summary>A keyset position in the dead-letter list (newest first).</summary>
public sealed record DeadLetterKey(DateTimeOffset FailedAt, Guid Id);
