namespace Taskforge.Application.Jobs;

public sealed class ListJobs(IJobSchedules schedules)
{
    public Task<IReadOnlyList<JobStatus>> ExecuteAsync(CancellationToken ct) => schedules.ListAsync(ct);
}
