using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Versions;

/// <summary>v2's task status over the same rows as v1, the other routes under /api/v2, and v1's deprecation headers.</summary>
public abstract class ApiV2Tests(TaskforgeApp app)
{
    private static async Task<string> CreateV2Async(TestUser user, string status = "todo")
    {
        var created = await user.Client.PostJsonAsync("/api/v2/tasks", new { title = "v2 task", status });
        created.EnsureStatus(HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.Should().StartWith("/api/v2/tasks/");
        return (await created.JsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Status_moves_todo_inProgress_done_and_back_with_completedAt()
    {
        var user = await app.RegisterAsync();
        var id = await CreateV2Async(user);

        var started = await (
            await user.Client.PatchJsonAsync($"/api/v2/tasks/{id}", new { status = "inProgress" })
        ).JsonAsync();
        started.GetProperty("status").GetString().Should().Be("inProgress");
        started.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        started.TryGetProperty("completed", out _).Should().BeFalse();

        var done = await (await user.Client.PatchJsonAsync($"/api/v2/tasks/{id}", new { status = "done" })).JsonAsync();
        done.GetProperty("status").GetString().Should().Be("done");
        done.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);

        var reopened = await (
            await user.Client.PatchJsonAsync($"/api/v2/tasks/{id}", new { status = "todo" })
        ).JsonAsync();
        reopened.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        await (
            await user.Client.PatchJsonAsync($"/api/v2/tasks/{id}", new { status = "finished" })
        ).ShouldHaveFieldErrorAsync("status");
    }

    [Fact]
    public async Task V1_and_v2_read_the_same_task_each_in_its_own_terms()
    {
        var user = await app.RegisterAsync();
        var id = await CreateV2Async(user, "inProgress");

        var v1 = await (await user.Client.GetAsync($"/api/v1/tasks/{id}")).JsonAsync();
        v1.GetProperty("completed").GetBoolean().Should().BeFalse();
        v1.TryGetProperty("status", out _).Should().BeFalse();

        // v1's completed: false leaves an inProgress task in progress.
        (
            await user.Client.PatchJsonAsync($"/api/v1/tasks/{id}", new { completed = false, title = "renamed" })
        ).EnsureStatus(HttpStatusCode.OK);
        (await (await user.Client.GetAsync($"/api/v2/tasks/{id}")).JsonAsync())
            .GetProperty("status")
            .GetString()
            .Should()
            .Be("inProgress");

        (await user.Client.PatchJsonAsync($"/api/v1/tasks/{id}", new { completed = true })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await (await user.Client.GetAsync($"/api/v2/tasks/{id}")).JsonAsync())
            .GetProperty("status")
            .GetString()
            .Should()
            .Be("done");

        (await user.Client.PatchJsonAsync($"/api/v1/tasks/{id}", new { completed = false })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await (await user.Client.GetAsync($"/api/v2/tasks/{id}")).JsonAsync())
            .GetProperty("status")
            .GetString()
            .Should()
            .Be("todo");
    }

    [Fact]
    public async Task The_v2_list_filters_by_status()
    {
        var user = await app.RegisterAsync();
        var todo = await CreateV2Async(user);
        var started = await CreateV2Async(user, "inProgress");
        var done = await CreateV2Async(user, "done");

        var list = await (await user.Client.GetAsync("/api/v2/tasks?status=inProgress")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Equal(started);

        var v1Open = await (await user.Client.GetAsync("/api/v1/tasks?completed=false")).JsonAsync();
        v1Open
            .GetProperty("items")
            .EnumerateArray()
            .Select(t => t.GetProperty("id").GetString())
            .Should()
            .BeEquivalentTo([todo, started]);
        var v1Done = await (await user.Client.GetAsync("/api/v1/tasks?completed=true")).JsonAsync();
        v1Done.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Equal(done);

        await (await user.Client.GetAsync("/api/v2/tasks?status=open")).ShouldHaveFieldErrorAsync("status");
    }

    [Fact]
    public async Task V1_answers_are_deprecated_and_v2_answers_are_not()
    {
        var user = await app.RegisterAsync();

        var v1 = await user.Client.GetAsync("/api/v1/users/me");
        var missing = await user.Client.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}");
        var v2 = await user.Client.GetAsync("/api/v2/users/me");

        foreach (var response in new[] { v1, missing })
        {
            response.Headers.GetValues("Deprecation").Single().Should().MatchRegex("^@[0-9]+$");
            response.Headers.GetValues("Link").Should().Contain("</api/v2>; rel=\"successor-version\"");
            response.Headers.Contains("Sunset").Should().BeFalse();
        }

        v2.EnsureStatus(HttpStatusCode.OK);
        v2.Headers.Contains("Deprecation").Should().BeFalse();
        v2.Headers.Contains("Link").Should().BeFalse();
    }

    [Fact]
    public async Task Every_other_route_is_served_under_v2()
    {
        var user = await app.RegisterAsync();

        (await user.Client.GetAsync("/api/v2/users/me")).EnsureStatus(HttpStatusCode.OK);
        var project = await user.Client.PostJsonAsync("/api/v2/projects", new { name = "Side" });
        project.EnsureStatus(HttpStatusCode.Created);
        project.Headers.Location!.OriginalString.Should().StartWith("/api/v2/projects/");
        (await user.Client.GetAsync("/api/v2/projects")).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.GetAsync("/api/v2/notifications/unread-count")).EnsureStatus(HttpStatusCode.OK);
        (
            await app.CreateClient()
                .PostJsonAsync("/api/v2/auth/login", new { email = user.Email, password = user.Password })
        ).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_version_is_404()
    {
        var user = await app.RegisterAsync();

        await (await user.Client.GetAsync("/api/v3/tasks")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_v2_document_has_status_and_no_completed()
    {
        var client = app.CreateClient();

        var v2 = await (await client.GetAsync("/openapi/v2.json")).Content.ReadAsStringAsync();
        var v1 = await (await client.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();

        v2.Should().Contain("/api/v2/tasks").And.NotContain("\"/api/v1/");
        // v2's task has status and no completed; the other routes (search hits, say) keep v1's shapes.
        var v2Task = System
            .Text.Json.JsonDocument.Parse(v2)
            .RootElement.GetProperty("components")
            .GetProperty("schemas")
            .GetProperty("TaskV2Response")
            .GetProperty("properties");
        v2Task.TryGetProperty("status", out _).Should().BeTrue();
        v2Task.TryGetProperty("completed", out _).Should().BeFalse();
        v1.Should().Contain("\"completed\"").And.NotContain("\"/api/v2/");
        (await client.GetAsync("/docs/index.html")).EnsureStatus(HttpStatusCode.OK);
    }
}

public sealed class SqliteApiV2Tests(SqliteApp app) : ApiV2Tests(app), IClassFixture<SqliteApp>;

public sealed class PostgresApiV2Tests(PostgresApp app) : ApiV2Tests(app), IClassFixture<PostgresApp>;
