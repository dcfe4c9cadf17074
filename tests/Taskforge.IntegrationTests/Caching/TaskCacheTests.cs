using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Caching;

/// <summary>
/// Reads go through the cache, on one instance or many: after a write on one instance, a read on
/// another that had cached the old state sees the write at once, on every write path.
/// </summary>
public abstract class TaskCacheTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task Creating_a_task_on_one_instance_shows_in_the_list_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var (writer, reader) = await TwoInstancesAsync(instances);
        (await ListTitlesAsync(reader)).Should().BeEmpty();

        await CreateTaskAsync(writer, "fresh");

        (await ListTitlesAsync(reader)).Should().Equal("fresh");
    }

    [Fact]
    public async Task Replacing_and_patching_a_task_on_one_instance_show_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var (writer, reader) = await TwoInstancesAsync(instances);
        var id = await CreateTaskAsync(writer, "first");
        (await TitleAsync(reader, id)).Should().Be("first");
        (await ListTitlesAsync(reader)).Should().Equal("first");

        (await writer.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "second" })).EnsureStatus(HttpStatusCode.OK);
        (await TitleAsync(reader, id)).Should().Be("second");
        (await ListTitlesAsync(reader)).Should().Equal("second");

        (await writer.PatchAsync($"/api/v1/tasks/{id}", JsonContent.Create(new { title = "third" }))).EnsureStatus(
            HttpStatusCode.OK
        );
        (await TitleAsync(reader, id)).Should().Be("third");
        (await ListTitlesAsync(reader)).Should().Equal("third");
    }

    [Fact]
    public async Task Deleting_a_task_on_one_instance_removes_it_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var (writer, reader) = await TwoInstancesAsync(instances);
        var id = await CreateTaskAsync(writer, "doomed");
        (await TitleAsync(reader, id)).Should().Be("doomed");
        (await ListTitlesAsync(reader)).Should().Equal("doomed");

        (await writer.DeleteAsync($"/api/v1/tasks/{id}")).EnsureStatus(HttpStatusCode.NoContent);

        (await reader.GetAsync($"/api/v1/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ListTitlesAsync(reader)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_project_on_one_instance_removes_its_tasks_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var (writer, reader) = await TwoInstancesAsync(instances);
        var project = await (
            await writer.PostAsJsonAsync("/api/v1/projects", new { name = "Side project" })
        ).JsonAsync();
        var projectId = project.GetProperty("id").GetGuid();
        var id = await CreateTaskAsync(writer, "in the project", projectId);
        (await TitleAsync(reader, id)).Should().Be("in the project");
        (await ListTitlesAsync(reader)).Should().Equal("in the project");

        (await writer.DeleteAsync($"/api/v1/projects/{projectId}")).EnsureStatus(HttpStatusCode.NoContent);

        (await reader.GetAsync($"/api/v1/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ListTitlesAsync(reader)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_redis_stopped_mid_test_reads_come_from_the_database_and_see_every_write()
    {
        await using var instances = new Instances(newApp);
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var user = await first.RegisterAsync();
        var writer = user.Client;
        var reader = second.ClientWith(user.AccessToken);
        var id = await CreateTaskAsync(writer, "before");
        (await TitleAsync(reader, id)).Should().Be("before");

        await redis.StopAsync();

        (await writer.PatchAsync($"/api/v1/tasks/{id}", JsonContent.Create(new { title = "after" }))).EnsureStatus(
            HttpStatusCode.OK
        );
        (await TitleAsync(reader, id)).Should().Be("after");
        (await ListTitlesAsync(reader)).Should().Equal("after");
        await CreateTaskAsync(writer, "newer");
        (await ListTitlesAsync(reader)).Should().Equal("newer", "after");
    }

    private static async Task<(HttpClient Writer, HttpClient Reader)> TwoInstancesAsync(Instances instances)
    {
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var user = await first.RegisterAsync();
        return (user.Client, second.ClientWith(user.AccessToken));
    }

    private static async Task<Guid> CreateTaskAsync(HttpClient client, string title, Guid? projectId = null)
    {
        var created = await client.PostAsJsonAsync("/api/v1/tasks", new { title, projectId });
        created.EnsureStatus(HttpStatusCode.Created);
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<string?> TitleAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/tasks/{id}");
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("title").GetString();
    }

    private static async Task<string?[]> ListTitlesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/tasks");
        response.EnsureStatus(HttpStatusCode.OK);
        var items = (await response.JsonAsync()).GetProperty("items");
        return items.EnumerateArray().Select(item => item.GetProperty("title").GetString()).ToArray();
    }
}

public sealed class SqliteTaskCacheTests() : TaskCacheTests(() => new SqliteApp());

public sealed class PostgresTaskCacheTests() : TaskCacheTests(() => new PostgresApp());

/// <summary>Reads and writes of one user's tasks at once: the cache must never turn the race into an error.</summary>
public abstract class TaskCacheConcurrencyTests(TaskforgeApp app)
{
    [Fact]
    public async Task Concurrent_reads_and_writes_of_one_users_tasks_all_succeed_and_end_consistent()
    {
        var user = await app.RegisterAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var created = await user.Client.PostAsJsonAsync("/api/v1/tasks", new { title = $"task {i}" });
            created.EnsureStatus(HttpStatusCode.Created);
            ids.Add((await created.JsonAsync()).GetProperty("id").GetGuid());
        }

        var work = Enumerable
            .Range(0, 200)
            .Select(async i =>
            {
                var id = ids[i % ids.Count];
                var response = (i % 4) switch
                {
                    0 => await user.Client.PatchAsync(
                        $"/api/v1/tasks/{id}",
                        JsonContent.Create(new { title = $"title {i}" })
                    ),
                    1 => await user.Client.GetAsync("/api/v1/tasks?limit=50"),
                    _ => await user.Client.GetAsync($"/api/v1/tasks/{id}"),
                };
                return response.StatusCode;
            });
        var statuses = await Task.WhenAll(work);

        statuses.Should().OnlyContain(status => status == HttpStatusCode.OK);
        var listed = (await (await user.Client.GetAsync("/api/v1/tasks?limit=50")).JsonAsync()).GetProperty("items");
        foreach (var item in listed.EnumerateArray())
        {
            var single = await (
                await user.Client.GetAsync($"/api/v1/tasks/{item.GetProperty("id").GetGuid()}")
            ).JsonAsync();
            single
                .GetProperty("title")
                .GetString()
                .Should()
                .Be(item.GetProperty("title").GetString(), "the list and the single task agree");
        }
    }
}

public sealed class SqliteTaskCacheConcurrencyTests(SqliteApp app)
    : TaskCacheConcurrencyTests(app),
        IClassFixture<SqliteApp>;

public sealed class PostgresTaskCacheConcurrencyTests(PostgresApp app)
    : TaskCacheConcurrencyTests(app),
        IClassFixture<PostgresApp>;
