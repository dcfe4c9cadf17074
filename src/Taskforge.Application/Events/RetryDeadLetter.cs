using Taskforge.Application.Common;

namespace Taskforge.Application.Events;

/// <summary>Gives a dead letter a fresh set of attempts; the dispatcher picks it up at its next round.</summary>
public sealed class RetryDeadLetter(IDeadLetters deadLetters, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(Guid id, CancellationToken ct) =>
        await deadLetters.RetryAsync(id, time.Now(), ct) ? Done.Value : Error.NotFound("dead letter");
}
