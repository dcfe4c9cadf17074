using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Events;

/// <summary>Every project write records exactly its events, in its transaction; a write that fails records none.</summary>
public abstract class ProjectEventTests(TaskforgeApp app)
{
    [Fact]
    public async Task Create_records_project_created_with_the_project_as_get_shows_it()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var response = await user.Client.PostAsJsonAsync(TaskApi.Projects, new { name = "Work", description = "d" });

        response.EnsureStatus(HttpStatusCode.Created);
        var project = await response.JsonAsync();
        var recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("project.created", user.Id, project);
        recorded.Data.ShouldEqualJson(await user.Client.GetJsonAsync($"{TaskApi.Projects}/{project.Id()}"));
        recorded.OccurredAt.Should().Be(project.Time("createdAt"));
    }

    [Fact]
    public async Task Put_and_patch_record_project_updated_with_the_written_project()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync("Before");
        var inbox = await InboxAsync(user);
        var url = $"{TaskApi.Projects}/{project.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var put = await user.Client.PutJsonAsync(url, new { name = "After", description = "d" });
        put.EnsureStatus(HttpStatusCode.OK);
        var afterPut = await put.JsonAsync();
        var recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("project.updated", user.Id, afterPut);
        recorded.OccurredAt.Should().Be(afterPut.Time("updatedAt"));

        var patch = await user.Client.PatchAsync(url, new { description = (string?)null });
        patch.EnsureStatus(HttpStatusCode.OK);
        recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("project.updated", user.Id, await patch.JsonAsync());
        recorded.Data.ShouldEqualJson(await user.Client.GetJsonAsync(url));

        var rename = await user.Client.PatchAsync($"{TaskApi.Projects}/{inbox.Id()}", new { name = "Later" });
        rename.EnsureStatus(HttpStatusCode.OK);
        (await events.NewAsync())
            .Should()
            .ContainSingle()
            .Which.ShouldBeEvent("project.updated", user.Id, await rename.JsonAsync());
    }

    [Fact]
    public async Task Delete_records_project_deleted_and_task_deleted_for_each_live_task_in_it()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var inside = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            inside.Add((await user.Client.CreateTaskAsync(new { title = $"in {i}", projectId = project.Id() })).Id());
        }

        var gone = await user.Client.CreateTaskAsync(new { title = "deleted before", projectId = project.Id() });
        (await user.Client.DeleteAsync($"{TaskApi.Tasks}/{gone.Id()}")).EnsureStatus(HttpStatusCode.NoContent);
        await user.Client.CreateTaskAsync("in the inbox");
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        (await user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}")).EnsureStatus(HttpStatusCode.NoContent);

        var recorded = await events.NewAsync();
        recorded.Should().HaveCount(4);
        recorded.Single(e => e.Type == "project.deleted").ShouldBeDeletion("project.deleted", user.Id, project.Id());
        var taskEvents = recorded.Where(e => e.Type == "task.deleted").ToList();
        taskEvents.Select(e => e.Data.Id()).Should().BeEquivalentTo(inside);
        foreach (var taskEvent in taskEvents)
        {
            taskEvent.ShouldBeDeletion("task.deleted", user.Id, taskEvent.Data.Id());
        }

        recorded.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        recorded.Select(e => e.OccurredAt).Distinct().Should().ContainSingle("one write, one moment");
    }

    [Fact]
    public async Task Invalid_and_malformed_writes_record_nothing()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync("Same");
        var url = $"{TaskApi.Projects}/{project.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (await user.Client.PostAsJsonAsync(TaskApi.Projects, new { name = "" })).ShouldHaveFieldErrorAsync(
            "name"
        );
        await (await user.Client.PutJsonAsync(url, new { name = new string('n', 201) })).ShouldHaveFieldErrorAsync(
            "name"
        );
        await (await user.Client.SendJsonAsync(HttpMethod.Patch, url, """{"name":null}""")).ShouldHaveFieldErrorAsync(
            "name"
        );
        await (
            await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Projects, """{"name": "unterminated""")
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (
            await user.Client.SendRawAsync(HttpMethod.Patch, url, """{"name": }""", "application/merge-patch+json")
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        await events.ShouldHaveNoneAsync("no write got through");
        (await user.Client.GetJsonAsync(url)).ShouldEqualJson(project);
    }

    [Fact]
    public async Task Writes_to_another_users_project_record_nothing_for_either_user()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var project = await owner.Client.CreateProjectAsync("Private");
        await owner.Client.CreateTaskAsync(new { title = "inside", projectId = project.Id() });
        var url = $"{TaskApi.Projects}/{project.Id()}";
        var ownerEvents = await RecordedEvents.WatchAsync(app, owner.Id);
        var intruderEvents = await RecordedEvents.WatchAsync(app, intruder.Id);

        await (await intruder.Client.PutJsonAsync(url, new { name = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.PatchAsync(url, new { name = "mine" }, "*")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await ownerEvents.ShouldHaveNoneAsync("another user cannot change the owner's project");
        await intruderEvents.ShouldHaveNoneAsync("every write of the intruder failed");
    }

    [Fact]
    public async Task A_stale_if_match_records_nothing_not_even_for_the_tasks_inside()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var task = await user.Client.CreateTaskAsync(new { title = "inside", projectId = project.Id() });
        var url = $"{TaskApi.Projects}/{project.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (await user.Client.PutJsonAsync(url, new { name = "put" }, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await user.Client.PatchAsync(url, new { name = "patch" }, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );

        await events.ShouldHaveNoneAsync("every write named a version the project does not have");
        (await user.Client.GetJsonAsync($"{TaskApi.Tasks}/{task.Id()}")).ShouldEqualJson(task);
    }

    [Fact]
    public async Task Deleting_the_inbox_is_409_and_records_nothing()
    {
        var user = await app.RegisterAsync();
        var inbox = await InboxAsync(user);
        await user.Client.CreateTaskAsync("in the inbox");
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (await user.Client.DeleteAsync($"{TaskApi.Projects}/{inbox.Id()}")).ShouldBeProblemAsync(
            HttpStatusCode.Conflict
        );

        await events.ShouldHaveNoneAsync("the Inbox stays, and so do its tasks");
    }

    [Fact]
    public async Task Racing_deletes_of_a_project_record_its_events_once()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var inside = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            inside.Add((await user.Client.CreateTaskAsync(new { title = $"in {i}", projectId = project.Id() })).Id());
        }

        var url = $"{TaskApi.Projects}/{project.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(i =>
                    i % 2 == 0
                        ? user.Client.DeleteAsync(url)
                        : user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"1\"")
                )
        );

        answers.Select(a => a.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.NoContent);
        answers
            .Select(a => a.StatusCode)
            .Should()
            .OnlyContain(s =>
                s == HttpStatusCode.NoContent || s == HttpStatusCode.NotFound || s == HttpStatusCode.PreconditionFailed
            );
        var recorded = await events.NewAsync();
        recorded.Where(e => e.Type == "project.deleted").Should().ContainSingle();
        recorded.Where(e => e.Type == "task.deleted").Select(e => e.Data.Id()).Should().BeEquivalentTo(inside);
        recorded.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_task_deleted_while_its_project_is_deleted_gets_one_task_deleted()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var task = await user.Client.CreateTaskAsync(new { title = "inside", projectId = project.Id() });
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var answers = await Task.WhenAll(
            user.Client.DeleteAsync($"{TaskApi.Tasks}/{task.Id()}"),
            user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}")
        );

        answers[1].EnsureStatus(HttpStatusCode.NoContent);
        var recorded = await events.NewAsync();
        recorded.Select(e => e.Type).Should().BeEquivalentTo("project.deleted", "task.deleted");
        recorded.Single(e => e.Type == "task.deleted").ShouldBeDeletion("task.deleted", user.Id, task.Id());
    }

    private static async Task<System.Text.Json.JsonElement> InboxAsync(TestUser user) =>
        (await user.Client.GetJsonAsync(TaskApi.Projects))
            .GetProperty("items")
            .EnumerateArray()
            .Single(p => p.GetProperty("isDefault").GetBoolean());
}

public sealed class SqliteProjectEventTests(SqliteApp app) : ProjectEventTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresProjectEventTests(PostgresApp app) : ProjectEventTests(app), IClassFixture<PostgresApp>;
