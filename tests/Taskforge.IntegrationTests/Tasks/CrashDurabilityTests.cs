using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// A real API process under 16 concurrent writers (creates, each followed by a patch) is killed
/// with SIGKILL; every write it acknowledged must be in the database afterwards, read through a
/// freshly started instance. An unacknowledged write may or may not have landed.
/// </summary>
public abstract class CrashDurabilityTests(TaskforgeApp app)
{
    private const int Writers = 16;
    private const int AcknowledgedBeforeKill = 150;

    [Fact]
    public async Task No_acknowledged_write_is_lost_when_the_process_is_killed_under_16_writers()
    {
        var user = await app.RegisterAsync();
        var environment = app.DatabaseEnvironment();
        environment["RateLimiting__Enabled"] = "false";
        environment["Workers__Enabled"] = "false";

        // Per task: the titles it may have now. Only an acknowledged write narrows the choice.
        var titles = new ConcurrentDictionary<Guid, string[]>();
        await using (var doomed = ServiceProcess.Start(environment))
        {
            var address = await doomed.WaitUntilListeningAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(http, w, titles, stop.Token)).ToList();

            await Deadline.WaitUntilAsync(
                () => Task.FromResult(titles.Count >= AcknowledgedBeforeKill || writers.Any(w => w.IsFaulted)),
                TimeSpan.FromSeconds(120),
                $"{AcknowledgedBeforeKill} acknowledged creates"
            );
            await Task.WhenAll(writers.Where(w => w.IsFaulted)); // surfaces a writer's unexpected failure
            await doomed.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = ServiceProcess.Start(environment);
        var restartedAddress = await restarted.WaitUntilListeningAsync(TimeSpan.FromSeconds(90));
        using var reader = new HttpClient { BaseAddress = restartedAddress };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        foreach (var (id, expected) in titles)
        {
            var response = await reader.GetAsync($"/api/v1/tasks/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"task {id} was acknowledged with 201");
            var title = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
            expected.Should().Contain(title, $"task {id}'s last acknowledged write must have survived");
        }
    }

    private static async Task WriteAsync(
        HttpClient http,
        int writer,
        ConcurrentDictionary<Guid, string[]> titles,
        CancellationToken stop
    )
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var title = $"crash {writer}-{i}";
            try
            {
                var created = await http.PostAsJsonAsync(
                    "/api/v1/tasks",
                    new { title, tags = new[] { "crash" } },
                    stop
                );
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"create answered {(int)created.StatusCode}");
                }

                var id = (await created.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetGuid();
                var patchedTitle = title + " patched";
                titles[id] = [title, patchedTitle]; // the patch may land without its answer arriving
                var patched = await http.PatchJsonAsync($"/api/v1/tasks/{id}", new { title = patchedTitle });
                if (patched.StatusCode == HttpStatusCode.OK)
                {
                    titles[id] = [patchedTitle];
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The process is gone (or going): whatever was in flight was never acknowledged.
                return;
            }
        }
    }
}

public sealed class SqliteCrashDurabilityTests(SqliteApp app) : CrashDurabilityTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCrashDurabilityTests(PostgresApp app)
    : CrashDurabilityTests(app),
        IClassFixture<PostgresApp>;
