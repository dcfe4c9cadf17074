namespace Taskforge.Application.Jobs;

/// <summary>The shared schedule of every job, as administrators see and steer it.</summary>
public interface IJobSchedules
{
    Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken ct);

    /// <summary>Asks for one run as soon as possible, by whichever instance claims it first; false for an unknown job.</summary>
    Task<bool> RequestRunAsync(string name, DateTimeOffset now, CancellationToken ct);
}

public sealed record JobStatus(
    string Name,
    string Cron,
    bool Enabled,
    DateTimeOffset? LastRunAt,
    string? LastStatus,
    DateTimeOffset? NextRunAt
);
