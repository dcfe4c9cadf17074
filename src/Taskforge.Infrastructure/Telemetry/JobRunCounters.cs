using System.Collections.Concurrent;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>Job runs of this process by job and outcome, for <c>/metrics</c>.</summary>
public sealed class JobRunCounters
{
    private readonly ConcurrentDictionary<(string Job, string Outcome), long> _runs = new();

    public IEnumerable<KeyValuePair<(string Job, string Outcome), long>> Runs => _runs;

    public void Count(string job, string outcome) => _runs.AddOrUpdate((job, outcome), 1, (_, n) => n + 1);
}
