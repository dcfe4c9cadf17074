using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Events;

/// <summary>Every task write records exactly its event, in its transaction; a write that fails records none.</summary>
public abstract class TaskEventTests(TaskforgeApp app)
{
    [Fact]
    public async Task Create_records_task_created_with_the_task_as_get_shows_it()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var response = await user.Client.PostAsJsonAsync(
            TaskApi.Tasks,
            new
            {
                projectId = project.Id(),
                title = "Write <report>",
                description = "Quarterly \"numbers\"",
                dueAt = "2030-01-02T03:04:05.123456+02:00",
                priority = "high",
                tags = new[] { " work ", "q1", "Work" },
            }
        );

        response.EnsureStatus(HttpStatusCode.Created);
        var task = await response.JsonAsync();
        var recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("task.created", user.Id, task);
        recorded.Data.ShouldEqualJson(await user.Client.GetJsonAsync($"{TaskApi.Tasks}/{task.Id()}"));
        recorded.OccurredAt.Should().Be(task.Time("createdAt"));
    }

    [Fact]
    public async Task Creating_a_completed_task_records_task_created_only()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var task = await user.Client.CreateTaskAsync(new { title = "done already", completed = true });

        (await events.NewAsync()).Should().ContainSingle().Which.ShouldBeEvent("task.created", user.Id, task);
    }

    [Fact]
    public async Task Put_and_patch_record_task_updated_with_the_written_task()
    {
        var user = await app.RegisterAsync();
        var other = await user.Client.CreateProjectAsync("Other");
        var created = await user.Client.CreateTaskAsync(new { title = "t", tags = new[] { "a" } });
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var put = await user.Client.PutJsonAsync(url, new { title = "put", priority = "low" });
        put.EnsureStatus(HttpStatusCode.OK);
        var afterPut = await put.JsonAsync();
        var recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("task.updated", user.Id, afterPut);
        recorded.OccurredAt.Should().Be(afterPut.Time("updatedAt"));

        var patch = await user.Client.PatchAsync(url, new { description = "d", tags = new[] { "b", "c" } });
        patch.EnsureStatus(HttpStatusCode.OK);
        var afterPatch = await patch.JsonAsync();
        recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("task.updated", user.Id, afterPatch);
        recorded.Data.ShouldEqualJson(await user.Client.GetJsonAsync(url));

        var move = await user.Client.PatchAsync(url, new { projectId = other.Id() });
        move.EnsureStatus(HttpStatusCode.OK);
        (await events.NewAsync())
            .Should()
            .ContainSingle()
            .Which.ShouldBeEvent("task.updated", user.Id, await move.JsonAsync());
    }

    [Fact]
    public async Task Only_the_write_that_completes_an_open_task_records_task_completed()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        async Task ShouldRecordAsync(HttpResponseMessage response, string type)
        {
            response.EnsureStatus(HttpStatusCode.OK);
            (await events.NewAsync())
                .Should()
                .ContainSingle()
                .Which.ShouldBeEvent(type, user.Id, await response.JsonAsync());
        }

        await ShouldRecordAsync(await user.Client.PatchAsync(url, new { completed = true }), "task.completed");
        await ShouldRecordAsync(await user.Client.PatchAsync(url, new { completed = true }), "task.updated");
        await ShouldRecordAsync(await user.Client.PatchAsync(url, new { title = "still done" }), "task.updated");
        await ShouldRecordAsync(await user.Client.PatchAsync(url, new { completed = false }), "task.updated");
        await ShouldRecordAsync(
            await user.Client.PutJsonAsync(url, new { title = "done by put", completed = true }),
            "task.completed"
        );
        await ShouldRecordAsync(
            await user.Client.PutJsonAsync(url, new { title = "done by put", completed = true }),
            "task.updated"
        );
    }

    [Fact]
    public async Task Delete_records_task_deleted_with_only_the_id()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync(new { title = "t", tags = new[] { "x" } });
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        (await user.Client.DeleteAsync($"{TaskApi.Tasks}/{created.Id()}")).EnsureStatus(HttpStatusCode.NoContent);

        (await events.NewAsync())
            .Should()
            .ContainSingle()
            .Which.ShouldBeDeletion("task.deleted", user.Id, created.Id());
    }

    [Fact]
    public async Task Invalid_and_malformed_writes_record_nothing()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = " " })).ShouldHaveFieldErrorAsync(
            "title"
        );
        await (await user.Client.PutJsonAsync(url, new { title = new string('x', 201) })).ShouldHaveFieldErrorAsync(
            "title"
        );
        await (await user.Client.PatchAsync(url, new { priority = "urgent" })).ShouldHaveFieldErrorAsync("priority");
        await (
            await user.Client.PatchAsync(url, new { title = "ok", tags = Enumerable.Range(0, 21).Select(i => $"t{i}") })
        ).ShouldHaveFieldErrorAsync("tags");
        await (
            await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Tasks, """{"title": "t" """)
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await user.Client.SendRawAsync(HttpMethod.Put, url, """{"title": """)).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        await (
            await user.Client.SendRawAsync(
                HttpMethod.Patch,
                url,
                """{"completed": tru}""",
                "application/merge-patch+json"
            )
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        await events.ShouldHaveNoneAsync("no write got through");
        (await user.Client.GetJsonAsync(url)).ShouldEqualJson(created);
    }

    [Fact]
    public async Task Writes_to_another_users_tasks_and_projects_record_nothing_for_either_user()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var task = await owner.Client.CreateTaskAsync("private");
        var project = await owner.Client.CreateProjectAsync("Private");
        var own = await intruder.Client.CreateTaskAsync("own");
        var url = $"{TaskApi.Tasks}/{task.Id()}";
        var ownerEvents = await RecordedEvents.WatchAsync(app, owner.Id);
        var intruderEvents = await RecordedEvents.WatchAsync(app, intruder.Id);

        await (await intruder.Client.PutJsonAsync(url, new { title = "mine" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.PatchAsync(url, new { completed = true }, "*")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await intruder.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (
            await intruder.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "in", projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (
            await intruder.Client.PatchAsync($"{TaskApi.Tasks}/{own.Id()}", new { projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.Client.DeleteAsync($"{TaskApi.Tasks}/{Guid.CreateVersion7()}")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );

        await ownerEvents.ShouldHaveNoneAsync("another user cannot change the owner's tasks");
        await intruderEvents.ShouldHaveNoneAsync("every write of the intruder failed");
    }

    [Fact]
    public async Task A_stale_if_match_records_nothing()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (await user.Client.PutJsonAsync(url, new { title = "put" }, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await user.Client.PatchAsync(url, new { completed = true }, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"2\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );

        await events.ShouldHaveNoneAsync("every write named a version the task does not have");
    }

    [Fact]
    public async Task Racing_patches_with_one_if_match_record_only_the_winners_event()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(i => user.Client.PatchAsync(url, new { title = $"writer {i}", completed = true }, "\"1\""))
        );

        var winner = answers.Should().ContainSingle(a => a.StatusCode == HttpStatusCode.OK).Subject;
        answers
            .Where(a => a != winner)
            .Select(a => a.StatusCode)
            .Should()
            .AllBeEquivalentTo(HttpStatusCode.PreconditionFailed);
        (await events.NewAsync())
            .Should()
            .ContainSingle()
            .Which.ShouldBeEvent("task.completed", user.Id, await winner.JsonAsync());
    }

    [Fact]
    public async Task Racing_deletes_record_one_task_deleted()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => user.Client.DeleteAsync(url)));

        answers.Select(a => a.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.NoContent);
        answers
            .Select(a => a.StatusCode)
            .Should()
            .OnlyContain(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.NotFound);
        (await events.NewAsync())
            .Should()
            .ContainSingle()
            .Which.ShouldBeDeletion("task.deleted", user.Id, created.Id());
    }
}

public sealed class SqliteTaskEventTests(SqliteApp app) : TaskEventTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskEventTests(PostgresApp app) : TaskEventTests(app), IClassFixture<PostgresApp>;
