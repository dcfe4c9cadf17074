using Taskforge.Application.Common;

namespace Taskforge.Application.Jobs;

/// <summary>Runs a job once now, across all instances (the run is claimed like a scheduled one).</summary>
public sealed class RunJobNow(IJobSchedules schedules, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(string name, CancellationToken ct) =>
        await schedules.RequestRunAsync(name, time.Now(), ct) ? Done.Value : Error.NotFound("job");
}
