using Taskforge.Application.Common;

namespace Taskforge.Application.Idempotency;

/// <summary>
/// Decides what a request with an Idempotency-Key does: run (the key is new, expired, or its
/// holder died and its lease ran out), replay the kept answer, or be refused as in flight or as
/// a reuse of the key for another request.
/// </summary>
public sealed class ClaimIdempotencyKey(IIdempotencyKeys keys, IUnitOfWork unitOfWork, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a running request holds its key before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public async Task<IdempotencyClaim> ExecuteAsync(IdempotentRequest request, CancellationToken ct)
    {
        var now = time.Now();
        var leaseId = Guid.CreateVersion7(now);

        // Its own short transaction: the claim must be visible to other requests at once.
        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await keys.TryStartAsync(request, leaseId, now, now + Lease, ct))
        {
            await transaction.CommitAsync(ct);
            return new IdempotencyClaim(IdempotencyClaimKind.Run, leaseId);
        }

        var record = await keys.FindAsync(request.Scope, request.Key, ct);
        var claim = record switch
        {
            // Purged between the insert and the read: the next attempt starts it.
            null => IdempotencyClaim.InFlight,
            _ when record.CreatedAt + Retention <= now => await TakeOverAsync(record),
            _ when record.Fingerprint != request.Fingerprint => IdempotencyClaim.Mismatch,
            { Answer: { } answer } => new IdempotencyClaim(IdempotencyClaimKind.Replay, Answer: answer),
            _ when record.LeaseUntil > now => IdempotencyClaim.InFlight,
            _ => await TakeOverAsync(record),
        };
        await transaction.CommitAsync(ct);
        return claim;

        async Task<IdempotencyClaim> TakeOverAsync(IdempotencyRecord stale) =>
            await keys.TakeOverAsync(request, stale.LeaseId, leaseId, now, now + Lease, ct)
                ? new IdempotencyClaim(IdempotencyClaimKind.Run, leaseId)
                : IdempotencyClaim.InFlight;
    }
}
