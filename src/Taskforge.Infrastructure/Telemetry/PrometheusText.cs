using System.Diagnostics;
using System.Globalization;
using System.Text;
using Taskforge.Infrastructure.Caching;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4) of this process: requests,
/// cache, outbox, jobs, and process and .NET runtime figures. No exporter package restores here;
/// the format is a few lines of text.
/// </summary>
public sealed class PrometheusText(
    RequestStatistics requests,
    ScopedCache cache,
    JobRunCounters jobs,
    OutboxFigures outbox,
    IConnectionFactory database,
    TimeProvider time
)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var text = new StringBuilder();
        WriteRequests(text);

        Header(text, "taskforge_cache_hits_total", "counter", "Reads answered from this process's cache.");
        Sample(text, "taskforge_cache_hits_total", "", cache.Hits);
        Header(text, "taskforge_cache_misses_total", "counter", "Reads that had to load from Redis or the database.");
        Sample(text, "taskforge_cache_misses_total", "", cache.Misses);

        var (waiting, oldestAge, dead) = await outbox.ReadAsync(time.GetUtcNow(), ct);
        Header(text, "taskforge_events_waiting", "gauge", "Events and deliveries not yet delivered.");
        Sample(text, "taskforge_events_waiting", "", waiting);
        Header(text, "taskforge_events_oldest_waiting_age_seconds", "gauge", "Age of the oldest event still waiting.");
        Sample(text, "taskforge_events_oldest_waiting_age_seconds", "", oldestAge);
        Header(text, "taskforge_dead_letters", "gauge", "Deliveries that gave up.");
        Sample(text, "taskforge_dead_letters", "", dead);

        Header(text, "taskforge_job_runs_total", "counter", "Scheduled job runs of this process, by job and outcome.");
        foreach (var ((job, outcome), count) in jobs.Runs.OrderBy(r => r.Key))
        {
            Sample(text, "taskforge_job_runs_total", $"job=\"{Escape(job)}\",outcome=\"{outcome}\"", count);
        }

        if (database is SqliteConnectionFactory sqlite)
        {
            var (commits, writes) = sqlite.GroupCommits;
            Header(text, "taskforge_sqlite_group_commits_total", "counter", "SQLite write transactions committed.");
            Sample(text, "taskforge_sqlite_group_commits_total", "", commits);
            Header(
                text,
                "taskforge_sqlite_group_committed_writes_total",
                "counter",
                "Writes those transactions committed together (divided by the commits: writes per commit)."
            );
            Sample(text, "taskforge_sqlite_group_committed_writes_total", "", writes);
            Header(
                text,
                "taskforge_sqlite_checkpoints_total",
                "counter",
                "WAL checkpoints run beside the writers (none runs inside a commit)."
            );
            Sample(text, "taskforge_sqlite_checkpoints_total", "", sqlite.Checkpoints);
            Header(
                text,
                "taskforge_sqlite_wal_restarts_total",
                "counter",
                "Times the WAL reached its bound (about 8 MB) and the writer copied it itself: checkpoints fell behind."
            );
            Sample(text, "taskforge_sqlite_wal_restarts_total", "", sqlite.WalRestarts);
            Header(
                text,
                "taskforge_sqlite_statement_cache_hits_total",
                "counter",
                "Statements the SQLite writer ran without preparing them again."
            );
            Sample(text, "taskforge_sqlite_statement_cache_hits_total", "", sqlite.StatementCacheHits);
        }

        WriteProcess(text);
        return text.ToString();
    }

    private void WriteRequests(StringBuilder text)
    {
        const string Name = "http_server_request_duration_seconds";
        Header(text, Name, "histogram", "Duration of answered HTTP requests, by method, route template and status.");
        foreach (var ((method, route, status), histogram) in requests.Series.OrderBy(s => s.Key))
        {
            var labels = $"method=\"{Escape(method)}\",route=\"{Escape(route)}\",status=\"{status}\"";
            var cumulative = histogram.Cumulative();
            for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
            {
                Sample(text, Name + "_bucket", $"{labels},le=\"{Number(LatencyHistogram.Bounds[i])}\"", cumulative[i]);
            }

            Sample(text, Name + "_bucket", $"{labels},le=\"+Inf\"", cumulative[^1]);
            Sample(text, Name + "_sum", labels, histogram.SumSeconds);
            Sample(text, Name + "_count", labels, cumulative[^1]);
        }
    }

    private static void WriteProcess(StringBuilder text)
    {
        using var process = Process.GetCurrentProcess();
        Header(text, "process_cpu_seconds_total", "counter", "CPU time of the process.");
        Sample(text, "process_cpu_seconds_total", "", process.TotalProcessorTime.TotalSeconds);
        Header(text, "process_resident_memory_bytes", "gauge", "Resident memory of the process.");
        Sample(text, "process_resident_memory_bytes", "", process.WorkingSet64);
        Header(text, "process_start_time_seconds", "gauge", "Start of the process, Unix seconds.");
        Sample(
            text,
            "process_start_time_seconds",
            "",
            new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds()
        );
        Header(text, "dotnet_gc_heap_bytes", "gauge", "Bytes on the managed heap.");
        Sample(text, "dotnet_gc_heap_bytes", "", GC.GetTotalMemory(forceFullCollection: false));
        Header(text, "dotnet_gc_collections_total", "counter", "Garbage collections by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            Sample(text, "dotnet_gc_collections_total", $"generation=\"{generation}\"", GC.CollectionCount(generation));
        }

        Header(text, "dotnet_threadpool_threads", "gauge", "Thread-pool threads.");
        Sample(text, "dotnet_threadpool_threads", "", ThreadPool.ThreadCount);
        Header(text, "dotnet_threadpool_queue_length", "gauge", "Work items waiting for a thread-pool thread.");
        Sample(text, "dotnet_threadpool_queue_length", "", ThreadPool.PendingWorkItemCount);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ")
            .Append(name)
            .Append(' ')
            .Append(help)
            .Append('\n')
            .Append("# TYPE ")
            .Append(name)
            .Append(' ')
            .Append(type)
            .Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
