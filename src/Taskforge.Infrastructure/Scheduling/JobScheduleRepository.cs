using Microsoft.Extensions.Configuration;
using Taskforge.Application.Jobs;
using Taskforge.Domain.Common;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Scheduling;

/// <summary>
/// The <c>job_schedules</c> rows every instance shares. A run belongs to whoever sets the row's
/// lease first (one conditional UPDATE, so exactly one instance wins); the lease's end is the
/// claim's token, renewed while the job runs, and written back with the outcome.
/// </summary>
public sealed class JobScheduleRepository(DbSession db, IEnumerable<IScheduledJob> jobs, IConfiguration configuration)
    : IJobSchedules
{
    public IReadOnlyList<JobSettings> Settings() => jobs.Select(job => JobSettings.For(job, configuration)).ToList();

    /// <summary>Creates missing rows and follows a changed cron; a new row is due at its first scheduled time.</summary>
    public async Task EnsureAsync(JobSettings job, DateTimeOffset now, CancellationToken ct)
    {
        var next = job.NextAfter(now) ?? DateTimeOffset.MaxValue;
        await db.ExecuteAsync(
            """
            INSERT INTO job_schedules (name, cron, next_run_at) VALUES (@Name, @Cron, @next)
            ON CONFLICT (name) DO NOTHING
            """,
            new
            {
                job.Name,
                job.Cron,
                next,
            },
            ct
        );
        await db.ExecuteAsync(
            "UPDATE job_schedules SET cron = @Cron, next_run_at = @next WHERE name = @Name AND cron <> @Cron",
            new
            {
                job.Name,
                job.Cron,
                next,
            },
            ct
        );
    }

    /// <summary>
    /// The jobs whose run may be due now (by schedule or by request, lease free): one read, so a
    /// tick with nothing due writes nothing. <see cref="ClaimAsync"/> still decides.
    /// </summary>
    public async Task<IReadOnlySet<string>> MaybeDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var names = await db.QueryAsync<string>(
            """
            SELECT name FROM job_schedules
            WHERE (lease_until IS NULL OR lease_until < @now) AND (requested_at IS NOT NULL OR next_run_at <= @now)
            """,
            new { now },
            ct
        );
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Claims the job's run if one is due (by schedule, when enabled, or by request); answers the lease's end, or null.</summary>
    public async Task<DateTimeOffset?> ClaimAsync(
        JobSettings job,
        DateTimeOffset now,
        TimeSpan lease,
        CancellationToken ct
    )
    {
        var due = job.Enabled ? "(requested_at IS NOT NULL OR next_run_at <= @now)" : "requested_at IS NOT NULL";
        var leaseUntil = Token(now + lease);
        var claimed = await db.ExecuteAsync(
            $"""
            UPDATE job_schedules SET lease_until = @leaseUntil
            WHERE name = @Name AND (lease_until IS NULL OR lease_until < @now) AND {due}
            """,
            new
            {
                job.Name,
                now,
                leaseUntil,
            },
            ct
        );
        return claimed == 1 ? leaseUntil : null;
    }

    /// <summary>Moves the claim's lease on; answers the new token, or null when the claim was lost.</summary>
    public async Task<DateTimeOffset?> RenewAsync(
        string name,
        DateTimeOffset lease,
        DateTimeOffset until,
        CancellationToken ct
    )
    {
        var renewed = Token(until);
        var rows = await db.ExecuteAsync(
            "UPDATE job_schedules SET lease_until = @renewed WHERE name = @name AND lease_until = @lease",
            new
            {
                name,
                lease,
                renewed,
            },
            ct
        );
        return rows == 1 ? renewed : null;
    }

    /// <summary>
    /// Records a run and releases the claim. The next scheduled time is counted from the run's
    /// start, so runs missed while every instance was down collapse into the one just made.
    /// </summary>
    public Task FinishAsync(
        JobSettings job,
        DateTimeOffset lease,
        DateTimeOffset startedAt,
        string status,
        string? error,
        CancellationToken ct
    ) =>
        db.ExecuteAsync(
            """
            UPDATE job_schedules
            SET lease_until = NULL, last_run_at = @startedAt, last_status = @status, last_error = @error,
                requested_at = CASE WHEN requested_at <= @startedAt THEN NULL ELSE requested_at END,
                next_run_at = CASE WHEN next_run_at <= @startedAt THEN @next ELSE next_run_at END
            WHERE name = @Name AND lease_until = @lease
            """,
            new
            {
                job.Name,
                lease,
                startedAt,
                status,
                error,
                next = job.NextAfter(startedAt) ?? DateTimeOffset.MaxValue,
            },
            ct
        );

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken ct)
    {
        var rows = (
            await db.QueryAsync<Row>("SELECT name, next_run_at, last_run_at, last_status FROM job_schedules", null, ct)
        ).ToDictionary(r => r.Name, StringComparer.Ordinal);
        return Settings()
            .Select(job =>
            {
                var row = rows.GetValueOrDefault(job.Name);
                return new JobStatus(
                    job.Name,
                    job.Cron,
                    job.Enabled,
                    row?.LastRunAt,
                    row?.LastStatus,
                    job.Enabled ? row?.NextRunAt ?? job.NextAfter(DateTimeOffset.UtcNow) : null
                );
            })
            .ToList();
    }

    public async Task<bool> RequestRunAsync(string name, DateTimeOffset now, CancellationToken ct)
    {
        if (Settings().FirstOrDefault(job => job.Name == name) is not { } job)
        {
            return false;
        }

        await EnsureAsync(job, now, ct);
        await db.ExecuteAsync(
            "UPDATE job_schedules SET requested_at = @now WHERE name = @name AND requested_at IS NULL",
            new { name, now },
            ct
        );
        return true;
    }

    // Microseconds of noise make each claim's token its own, even for two claims in one instant.
    private static DateTimeOffset Token(DateTimeOffset until) =>
        Moment.Truncate(until).AddTicks(Random.Shared.Next(1, 1000) * TimeSpan.TicksPerMicrosecond);

    private sealed class Row
    {
        public string Name { get; set; } = "";
        public DateTimeOffset? NextRunAt { get; set; }
        public DateTimeOffset? LastRunAt { get; set; }
        public string? LastStatus { get; set; }
    }
}
