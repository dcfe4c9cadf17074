using Taskforge.Application.Events;
using Taskforge.Application.Jobs;

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

public sealed record JobResponse(
    string Name,
    string Cron,
    bool Enabled,
    DateTime? LastRunAt,
    string? LastStatus,
    DateTime? NextRunAt
)
{
    public static JobResponse From(JobStatus job) =>
        new(job.Name, job.Cron, job.Enabled, job.LastRunAt?.UtcDateTime, job.LastStatus, job.NextRunAt?.UtcDateTime);
}
