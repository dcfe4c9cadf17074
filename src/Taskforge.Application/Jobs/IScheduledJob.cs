namespace Taskforge.Application.Jobs;

/// <summary>
/// A job the scheduler runs once per schedule across all instances. A run should be safe to
/// repeat (a crash after the work and before the bookkeeping runs it again).
/// </summary>
public interface IScheduledJob
{
    /// <summary>The name in <c>Jobs:&lt;name&gt;:*</c> and in the admin routes.</summary>
    string Name { get; }

    /// <summary>Quartz cron syntax, in UTC.</summary>
    string DefaultCron { get; }

    Task RunAsync(DateTimeOffset now, CancellationToken ct);
}
