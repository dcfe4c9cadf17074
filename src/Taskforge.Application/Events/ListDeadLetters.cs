using Taskforge.Application.Common;

namespace Taskforge.Application.Events;

public sealed class ListDeadLetters(IDeadLetters deadLetters)
{
    public async Task<Page<DeadLetter, DeadLetterKey>> ExecuteAsync(
        int limit,
        DeadLetterKey? after,
        CancellationToken ct
    )
    {
        var rows = await deadLetters.ListAsync(after, limit + 1, ct);
        return Paging.Cut(rows, limit, letter => new DeadLetterKey(letter.FailedAt, letter.Id));
    }
}
