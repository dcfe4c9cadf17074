using System.Globalization;
using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>The admin job routes and the job tables, as the job tests read and steer them.</summary>
public static class JobsApi
{
    public const string Jobs = "/api/v1/admin/jobs";
    public const string DeadLetters = "/api/v1/admin/dead-letters";

    /// <summary>A cron that fires every second: a job that runs this often shows that the scheduler keeps going round.</summary>
    public const string EverySecond = "* * * * * ?";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyDictionary<string, JsonElement>> JobsAsync(this TestUser admin)
    {
        var response = await admin.Client.GetAsync(Jobs);
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync())
            .EnumerateArray()
            .ToDictionary(job => job.GetProperty("name").GetString()!, StringComparer.Ordinal);
    }

    public static async Task<JsonElement> JobAsync(this TestUser admin, string name) => (await admin.JobsAsync())[name];

    public static DateTimeOffset? LastRunAt(this JsonElement job) => TimeOf(job, "lastRunAt");

    public static DateTimeOffset? NextRunAt(this JsonElement job) => TimeOf(job, "nextRunAt");

    public static string? LastStatus(this JsonElement job) => job.GetProperty("lastStatus").GetString();

    public static async Task RequestRunAsync(this TestUser admin, string name) =>
        (await admin.Client.PostAsync($"{Jobs}/{name}/run", null)).EnsureStatus(HttpStatusCode.Accepted);

    /// <summary>Asks for a run and waits until one has finished; answers the job as listed then.</summary>
    public static async Task<JsonElement> RunAsync(this TestUser admin, string name)
    {
        var before = (await admin.JobAsync(name)).LastRunAt();
        await admin.RequestRunAsync(name);
        return await admin.WaitForRunAsync(name, before);
    }

    /// <summary>Waits until the job's lastRunAt differs from <paramref name="previous"/>; answers the job as listed then.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this TestUser admin, string name, DateTimeOffset? previous)
    {
        JsonElement job = default;
        await Deadline.WaitUntilAsync(
            async () =>
            {
                job = await admin.JobAsync(name);
                return job.LastRunAt() is { } last && last != previous;
            },
            Patience,
            $"a run of {name}"
        );
        return job;
    }

    /// <summary>Waits until the job has run <paramref name="runs"/> more times (each run moves lastRunAt).</summary>
    public static async Task WaitForMoreRunsAsync(this TestUser admin, string name, int runs)
    {
        var seen = new HashSet<DateTimeOffset>();
        await Deadline.WaitUntilAsync(
            async () =>
            {
                if ((await admin.JobAsync(name)).LastRunAt() is { } last)
                {
                    seen.Add(last);
                }

                return seen.Count > runs;
            },
            Patience,
            $"{runs} more runs of {name}"
        );
    }

    /// <summary>A time as a SQL literal each provider compares like the times the app writes.</summary>
    public static string SqlTime(this TaskforgeApp app, DateTimeOffset time)
    {
        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return app is SqliteApp ? $"'{text}'" : $"'{text}'::timestamptz";
    }

    public static string SqlTimeAgo(this TaskforgeApp app, TimeSpan ago) => app.SqlTime(DateTimeOffset.UtcNow - ago);

    /// <summary>Runs a statement that needs no parameter.</summary>
    public static Task<int> ExecuteAsync(this TaskforgeApp app, string sql) => app.ExecuteAsync(sql, Guid.Empty);

    public static Task<long> CountAsync(this TaskforgeApp app, string sql) => app.CountAsync(sql, Guid.Empty);

    /// <summary>Waits until the dispatcher has fanned out every event recorded so far.</summary>
    public static Task WaitUntilFannedOutAsync(this TaskforgeApp app) =>
        Deadline.WaitUntilAsync(
            async () =>
                await app.CountAsync(
                    $"SELECT COUNT(*) FROM outbox_events WHERE fanned_out = {(app is SqliteApp ? "0" : "false")}"
                ) == 0,
            Patience,
            "every event to be fanned out"
        );

    /// <summary>The id of the user's one event of this type.</summary>
    public static async Task<Guid> EventIdAsync(this TaskforgeApp app, Guid userId, string type) =>
        (await app.OutboxEventsAsync(userId)).Single(e => e.Type == type).Id;

    private static DateTimeOffset? TimeOf(JsonElement job, string property) =>
        job.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetDateTimeOffset() : null;
}
