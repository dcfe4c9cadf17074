using Taskforge.Application.Events;

namespace Taskforge.Api.Contracts;

public sealed record DeadLetterResponse(
    Guid Id,
    string Kind,
    Guid EventId,
    int Attempts,
    string? LastError,
    DateTime FailedAt
)
{
    public static DeadLetterResponse From(DeadLetter letter) =>
        new(letter.Id, letter.Kind, letter.EventId, letter.Attempts, letter.LastError, letter.FailedAt.UtcDateTime);
}
