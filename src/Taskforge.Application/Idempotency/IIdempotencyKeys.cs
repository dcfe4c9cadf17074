namespace Taskforge.Application.Idempotency;

/// <summary>A key's row as stored: in flight under a lease until <see cref="Answer"/> is kept.</summary>
public sealed record IdempotencyRecord(
    string Fingerprint,
    Guid LeaseId,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset CreatedAt,
    StoredAnswer? Answer
);

/// <summary>
/// The idempotency keys, in the database so that every instance sees them. Every change is a
/// compare-and-swap on the lease id: whoever no longer holds the lease changes nothing.
/// </summary>
public interface IIdempotencyKeys
{
    /// <summary>Records a new key as running; false when the key is already there.</summary>
    Task<bool> TryStartAsync(
        IdempotentRequest request,
        Guid leaseId,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken ct
    );

    Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken ct);

    /// <summary>Starts the key over (its lease ran out, or it expired) if <paramref name="previousLease"/> still holds it.</summary>
    Task<bool> TakeOverAsync(
        IdempotentRequest request,
        Guid previousLease,
        Guid leaseId,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken ct
    );

    /// <summary>Keeps the answer, if the lease is still ours.</summary>
    Task<bool> KeepAnswerAsync(IdempotentRequest request, Guid leaseId, StoredAnswer answer, CancellationToken ct);

    /// <summary>Forgets a running key, if the lease is still ours, so a retry runs again; false when it is not.</summary>
    Task<bool> ReleaseAsync(IdempotentRequest request, Guid leaseId, CancellationToken ct);
}
