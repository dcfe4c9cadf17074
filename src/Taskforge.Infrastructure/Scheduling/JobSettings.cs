using Microsoft.Extensions.Configuration;
using Quartz;
using Taskforge.Application.Jobs;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Scheduling;

/// <summary><c>Jobs:&lt;name&gt;:Cron</c> (Quartz syntax, UTC) and <c>Jobs:&lt;name&gt;:Enabled</c> of one job.</summary>
public sealed class JobSettings(string name, string cron, bool enabled, CronExpression expression)
{
    public string Name => name;

    public string Cron => cron;

    public bool Enabled => enabled;

    /// <summary>The first scheduled time strictly after <paramref name="after"/>, or null when the expression has no more.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => expression.GetNextValidTimeAfter(after);

    public static JobSettings For(IScheduledJob job, IConfiguration configuration)
    {
        var section = configuration.GetSection($"Jobs:{job.Name}");
        var cron = section["Cron"] is { Length: > 0 } configured ? configured.Trim() : job.DefaultCron;
        CronExpression expression;
        try
        {
            expression = new CronExpression(cron, TimeZoneInfo.Utc);
        }
        catch (FormatException e)
        {
            throw new StartupException(
                $"Jobs:{job.Name}:Cron '{cron}' is not a valid Quartz cron expression ({e.Message}).",
                e
            );
        }

        var enabled = section["Enabled"] is not { } text || !bool.TryParse(text, out var on) || on;
        return new JobSettings(job.Name, cron, enabled, expression);
    }
}
