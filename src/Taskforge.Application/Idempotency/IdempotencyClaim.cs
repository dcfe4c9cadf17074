namespace Taskforge.Application.Idempotency;

public enum IdempotencyClaimKind
{
    /// <summary>The key is ours: run the request under <see cref="IdempotencyClaim.LeaseId"/>.</summary>
    Run,

    /// <summary>The key has an answer: give it back.</summary>
    Replay,

    /// <summary>The first request with this key is still running (409).</summary>
    InFlight,

    /// <summary>The key was used for another request (422).</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, Guid LeaseId = default, StoredAnswer? Answer = null)
{
    public static IdempotencyClaim InFlight { get; } = new(IdempotencyClaimKind.InFlight);

    public static IdempotencyClaim Mismatch { get; } = new(IdempotencyClaimKind.Mismatch);
}
