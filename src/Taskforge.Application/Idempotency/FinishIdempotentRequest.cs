using Taskforge.Application.Common;

namespace Taskforge.Application.Idempotency;

/// <summary>
/// Ends a request that ran under an idempotency key, inside the transaction that holds the
/// request's writes (<paramref name="write"/> in <see cref="ExecuteAsync"/>): the answer is kept, or
/// the key released, and the writes commit with it, so no crash can leave a write without its
/// answer. A 5xx undoes the writes and releases the key, so a retry can succeed.
/// </summary>
public sealed class FinishIdempotentRequest(IIdempotencyKeys keys, IUnitOfWork unitOfWork)
{
    /// <summary>False when another request took the key over meanwhile: nothing of this one is kept.</summary>
    public async Task<bool> ExecuteAsync(
        IdempotentRequest request,
        Guid leaseId,
        StoredAnswer answer,
        bool noStore,
        ITransaction write,
        CancellationToken ct
    )
    {
        if (answer.Status >= 500)
        {
            await write.DisposeAsync();
            await using var release = await unitOfWork.BeginAsync(ct);
            await keys.ReleaseAsync(request, leaseId, ct);
            await release.CommitAsync(ct);
            return true;
        }

        var ours = StoredAnswer.IsWorthKeeping(answer.Status, noStore)
            ? await keys.KeepAnswerAsync(request, leaseId, answer, ct)
            : await keys.ReleaseAsync(request, leaseId, ct);
        if (ours)
        {
            await write.CommitAsync(ct);
        }

        return ours;
    }
}
