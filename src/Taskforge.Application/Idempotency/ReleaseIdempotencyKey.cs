using Taskforge.Application.Common;

namespace Taskforge.Application.Idempotency;

/// <summary>Frees the key of a request that failed before it could answer, so a retry need not wait for the lease to run out.</summary>
public sealed class ReleaseIdempotencyKey(IIdempotencyKeys keys, IUnitOfWork unitOfWork)
{
    public async Task ExecuteAsync(IdempotentRequest request, Guid leaseId, CancellationToken ct)
    {
        await using var transaction = await unitOfWork.BeginAsync(ct);
        await keys.ReleaseAsync(request, leaseId, ct);
        await transaction.CommitAsync(ct);
    }
}
