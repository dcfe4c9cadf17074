using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>Another user's tasks and projects are indistinguishable from missing ones, on every route.</summary>
public abstract class TaskIsolationTests(TaskforgeApp app)
{
    [Fact]
    public async Task Another_users_task_is_404_on_every_route_and_stays_unchanged()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var task = await owner.Client.CreateTaskAsync(new { title = "private", tags = new[] { "secret" } });
        var url = $"{TaskApi.Tasks}/{task.Id()}";

        await (await intruder.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.PutAsJsonAsync(url, new { title = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.PatchAsync(url, new { title = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (
            await intruder.Client.SendJsonAsync(HttpMethod.Patch, url, new { title = "mine" }, "*")
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"1\"")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );

        var still = await owner.Client.GetAsync(url);
        still.EnsureStatus(HttpStatusCode.OK);
        still.Headers.ETag!.Tag.Should().Be("\"1\"");
    }

    [Fact]
    public async Task Lists_never_show_another_users_tasks_whatever_the_filter()
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var project = await owner.Client.CreateProjectAsync();
        await owner.Client.CreateTaskAsync(
            new
            {
                title = "private",
                projectId = project.Id(),
                tags = new[] { "shared-tag" },
                priority = "high",
            }
        );
        await other.Client.CreateTaskAsync(new { title = "own", tags = new[] { "shared-tag" } });

        foreach (
            var query in new[]
            {
                "",
                "?tag=shared-tag",
                $"?projectId={project.Id()}",
                "?priority=high",
                "?sort=title",
                "?sort=-dueAt",
            }
        )
        {
            var items = await other.Client.ListAllAsync($"{TaskApi.Tasks}{query}", 1);
            items.Titles().Should().NotContain("private", $"the query was '{query}'");
        }
    }

    [Fact]
    public async Task Creating_in_or_moving_to_another_users_project_is_404()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var project = await owner.Client.CreateProjectAsync("Owner's");
        var own = await intruder.Client.CreateTaskAsync("mine");
        var url = $"{TaskApi.Tasks}/{own.Id()}";

        await (
            await intruder.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "x", projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.PatchAsync(url, new { projectId = project.Id() })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (
            await intruder.Client.PutAsJsonAsync(url, new { title = "x", projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await owner.Client.GetJsonAsync($"{TaskApi.Tasks}?projectId={project.Id()}"))
            .GetProperty("items")
            .GetArrayLength()
            .Should()
            .Be(0);
        (await intruder.Client.GetJsonAsync(url))
            .GetProperty("projectId")
            .GetGuid()
            .Should()
            .Be(own.GetProperty("projectId").GetGuid());
    }

    [Fact]
    public async Task Another_users_project_is_404_on_every_route_and_absent_from_lists()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var project = await owner.Client.CreateProjectAsync("Owner's");
        var url = $"{TaskApi.Projects}/{project.Id()}";

        await (await intruder.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.PutAsJsonAsync(url, new { name = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.PatchAsync(url, new { name = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var theirs = await intruder.Client.ListAllAsync(TaskApi.Projects, 1);
        theirs.Select(p => p.Id()).Should().NotContain(project.Id());
        theirs.Should().ContainSingle(p => p.GetProperty("isDefault").GetBoolean());
        (await owner.Client.GetJsonAsync(url)).Text("name").Should().Be("Owner's");
    }
}

public sealed class SqliteTaskIsolationTests(SqliteApp app) : TaskIsolationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskIsolationTests(PostgresApp app) : TaskIsolationTests(app), IClassFixture<PostgresApp>;
