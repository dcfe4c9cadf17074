using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>GET /tasks/{id}/history: every write with its exact field-level diff, newest first.</summary>
public abstract class TaskHistoryTests(TaskforgeApp app)
{
    private static string History(Guid id) => $"{TaskApi.Tasks}/{id}/history";

    private static string Changes(JsonElement entry) => entry.GetProperty("changes").GetRawText();

    [Fact]
    public async Task Every_write_is_recorded_with_its_exact_diff_newest_first()
    {
        var user = await app.RegisterAsync();
        var work = await user.Client.CreateProjectAsync("Work");
        var task = await user.Client.CreateTaskAsync(new { title = "Buy milk" });
        var inbox = task.GetProperty("projectId").GetGuid();
        var url = $"{TaskApi.Tasks}/{task.Id()}";

        (
            await user.Client.PutAsJsonAsync(
                url,
                new
                {
                    title = "Buy oat milk",
                    projectId = inbox,
                    priority = "high",
                    dueAt = "2030-01-08T17:30:00+02:00",
                    tags = new[] { "shop" },
                }
            )
        ).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync(url, new { description = "two litres" })).EnsureStatus(HttpStatusCode.OK);
        var completed = await (await user.Client.PatchAsync(url, new { completed = true })).JsonAsync();
        (await user.Client.PatchAsync(url, new { completed = false })).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync(url, new { projectId = work.Id() })).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync(url, new { title = "Buy oat milk" })).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);

        var page = await user.Client.GetJsonAsync(History(task.Id()));
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        page.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        entries
            .Select(e => e.Text("type"))
            .Should()
            .Equal("deleted", "moved", "reopened", "completed", "updated", "updated", "created");
        entries.Should().OnlyContain(e => e.GetProperty("actorId").GetGuid() == user.Id);
        entries.Select(e => e.Id()).Should().OnlyHaveUniqueItems();

        Changes(entries[0]).Should().Be("{}");
        Changes(entries[1]).Should().Be($$$"""{"projectId":{"from":"{{{inbox}}}","to":"{{{work.Id()}}}"}}""");
        var completedAt = completed.Text("completedAt");
        Changes(entries[2])
            .Should()
            .Be(
                $$$"""{"completed":{"from":true,"to":false},"status":{"from":"done","to":"todo"},"completedAt":{"from":"{{{completedAt}}}","to":null}}"""
            );
        Changes(entries[3])
            .Should()
            .Be(
                $$$"""{"completed":{"from":false,"to":true},"status":{"from":"todo","to":"done"},"completedAt":{"from":null,"to":"{{{completedAt}}}"}}"""
            );
        Changes(entries[4]).Should().Be("""{"description":{"from":null,"to":"two litres"}}""");
        Changes(entries[5])
            .Should()
            .Be(
                """{"title":{"from":"Buy milk","to":"Buy oat milk"},"dueAt":{"from":null,"to":"2030-01-08T15:30:00Z"},"priority":{"from":"none","to":"high"},"tags":{"from":[],"to":["shop"]}}"""
            );
        Changes(entries[6])
            .Should()
            .Be(
                $$$"""{"projectId":{"from":null,"to":"{{{inbox}}}"},"title":{"from":null,"to":"Buy milk"},"completed":{"from":null,"to":false},"status":{"from":null,"to":"todo"},"priority":{"from":null,"to":"none"},"tags":{"from":null,"to":[]}}"""
            );
        DateTime
            .Parse(entries[6].Text("occurredAt"), null, System.Globalization.DateTimeStyles.RoundtripKind)
            .Should()
            .Be(task.GetProperty("createdAt").GetDateTime());
    }

    [Fact]
    public async Task History_pages_without_duplicates_and_survives_the_delete()
    {
        var user = await app.RegisterAsync();
        var task = await user.Client.CreateTaskAsync("counting");
        var url = $"{TaskApi.Tasks}/{task.Id()}";
        for (var i = 1; i <= 4; i++)
        {
            (await user.Client.PatchAsync(url, new { title = $"counting {i}" })).EnsureStatus(HttpStatusCode.OK);
        }

        (await user.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);
        (await user.Client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var entries = await user.Client.ListAllAsync(History(task.Id()), 2);
        entries.Select(e => e.Id()).Should().OnlyHaveUniqueItems();
        entries
            .Select(e => e.Text("type"))
            .Should()
            .Equal("deleted", "updated", "updated", "updated", "updated", "created");
        entries[1].GetProperty("changes").GetProperty("title").GetProperty("to").GetString().Should().Be("counting 4");
    }

    [Fact]
    public async Task Another_users_task_and_an_unknown_id_are_404_and_bad_paging_is_400()
    {
        var owner = await app.RegisterAsync();
        var intruder = await app.RegisterAsync();
        var task = await owner.Client.CreateTaskAsync("private");

        await (await intruder.Client.GetAsync(History(task.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.GetAsync(History(Guid.CreateVersion7()))).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await owner.Client.GetAsync(History(task.Id()) + "?limit=0")).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        await (await owner.Client.GetAsync(History(task.Id()) + "?cursor=forged.cursor")).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        (await app.CreateClient().GetAsync(History(task.Id()))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_project_delete_records_deleted_for_each_of_its_tasks()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync("Doomed");
        var first = await user.Client.CreateTaskAsync(new { title = "one", projectId = project.Id() });
        var second = await user.Client.CreateTaskAsync(new { title = "two", projectId = project.Id() });

        (await user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}")).EnsureStatus(HttpStatusCode.NoContent);

        foreach (var task in new[] { first, second })
        {
            var entries = await user.Client.ListAllAsync(History(task.Id()), 50);
            entries.Select(e => e.Text("type")).Should().Equal("deleted", "created");
        }
    }
}

public sealed class SqliteTaskHistoryTests(SqliteApp app) : TaskHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskHistoryTests(PostgresApp app) : TaskHistoryTests(app), IClassFixture<PostgresApp>;
