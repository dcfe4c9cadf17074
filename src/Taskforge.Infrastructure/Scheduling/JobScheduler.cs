using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Application.Jobs;
using Taskforge.Infrastructure.Telemetry;
using Taskforge.Infrastructure.Workers;

namespace Taskforge.Infrastructure.Scheduling;

/// <summary>
/// Runs the scheduled jobs: every second or so it tries to claim each job's due run in the
/// shared <c>job_schedules</c> table; the one instance that wins runs it (renewing its lease
/// while it runs) and records the outcome and the next time. A run that was missed while every
/// instance was down is due at once at start, and runs once.
/// </summary>
public sealed partial class JobScheduler(
    IServiceScopeFactory scopes,
    WorkerSettings settings,
    JobRunCounters counters,
    TimeProvider time,
    ILogger<JobScheduler> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        await Task.Yield();
        IReadOnlyList<JobSettings>? jobs = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                jobs ??= await PrepareAsync(stoppingToken);
                foreach (var job in await MaybeDueAsync(jobs, stoppingToken))
                {
                    await RunIfDueAsync(job, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(logger, e);
            }

            try
            {
                await Task.Delay(settings.Poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyList<JobSettings>> PrepareAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
        var jobs = schedules.Settings();
        foreach (var job in jobs)
        {
            await schedules.EnsureAsync(job, time.GetUtcNow(), ct);
        }

        return jobs;
    }

    private async Task<IReadOnlyList<JobSettings>> MaybeDueAsync(IReadOnlyList<JobSettings> jobs, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
        var due = await schedules.MaybeDueAsync(time.GetUtcNow(), ct);
        return due.Count == 0 ? [] : jobs.Where(job => due.Contains(job.Name)).ToList();
    }

    private async Task RunIfDueAsync(JobSettings job, CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow();
        DateTimeOffset lease;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
            if (await schedules.ClaimAsync(job, startedAt, settings.Lease, stoppingToken) is not { } claimed)
            {
                return;
            }

            lease = claimed;
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = KeepLeaseAsync(job.Name, lease, running.Token);
        string status;
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = scope.ServiceProvider.GetServices<IScheduledJob>().First(j => j.Name == job.Name);
            LogJobStarted(logger, job.Name);
            await work.RunAsync(startedAt, running.Token);
            status = "succeeded";
            var elapsed = time.GetUtcNow() - startedAt;
            LogJobFinished(logger, job.Name, elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: hand the run back; the lease is released below without an outcome.
            await running.CancelAsync();
            await ReleaseAsync(job.Name, await renewal);
            return;
        }
        catch (Exception e)
        {
            status = "failed";
            error = $"{e.GetType().Name}: {e.Message}";
            LogJobFailed(logger, job.Name, e);
        }

        counters.Count(job.Name, status);
        await running.CancelAsync();
        var current = await renewal;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
            await schedules.FinishAsync(job, current, startedAt, status, error, CancellationToken.None);
        }
    }

    /// <summary>Renews the lease every third of its length until the run ends; answers the last token.</summary>
    private async Task<DateTimeOffset> KeepLeaseAsync(string name, DateTimeOffset lease, CancellationToken running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(settings.Lease / 3, time, running);
                await using var scope = scopes.CreateAsyncScope();
                var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
                lease = await schedules.RenewAsync(name, lease, time.GetUtcNow() + settings.Lease, running) ?? lease;
            }
        }
        catch (OperationCanceledException)
        {
            return lease;
        }
    }

    private async Task ReleaseAsync(string name, DateTimeOffset lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedules = scope.ServiceProvider.GetRequiredService<JobScheduleRepository>();
        await schedules.RenewAsync(name, lease, DateTimeOffset.UnixEpoch, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler tick failed; trying again")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} started")]
    private static partial void LogJobStarted(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} finished in {DurationMs} ms")]
    private static partial void LogJobFinished(ILogger logger, string job, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);
}
