using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

public abstract class TaskCrudTests(TaskforgeApp app)
{
    [Fact]
    public async Task Create_returns_201_with_location_etag_and_defaults_in_the_inbox()
    {
        var user = await app.RegisterAsync();
        var projects = await user.Client.GetJsonAsync(TaskApi.Projects);
        var inbox = projects.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());

        var response = await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "Buy milk" });

        response.EnsureStatus(HttpStatusCode.Created);
        var task = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/tasks/{task.Id()}");
        response.Headers.ETag!.IsWeak.Should().BeFalse();
        task.Text("title").Should().Be("Buy milk");
        task.GetProperty("projectId").GetGuid().Should().Be(inbox.Id());
        task.GetProperty("description").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.GetProperty("completed").GetBoolean().Should().BeFalse();
        task.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.GetProperty("dueAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.Text("priority").Should().Be("none");
        task.GetProperty("tags").GetArrayLength().Should().Be(0);
        task.Text("createdAt").Should().EndWith("Z");
    }

    [Fact]
    public async Task Create_with_every_field_round_trips_through_get()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();

        var created = await user.Client.CreateTaskAsync(
            new
            {
                projectId = project.Id(),
                title = "Write report",
                description = "Quarterly numbers",
                completed = true,
                dueAt = "2030-01-02T03:04:05.123456+02:00",
                priority = "high",
                tags = new[] { " work ", "q1", "work", "Work" },
            }
        );
        var read = await user.Client.GetJsonAsync($"{TaskApi.Tasks}/{created.Id()}");

        read.GetProperty("projectId").GetGuid().Should().Be(project.Id());
        read.Text("description").Should().Be("Quarterly numbers");
        read.GetProperty("completed").GetBoolean().Should().BeTrue();
        read.GetProperty("completedAt").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        read.Text("dueAt").Should().Be("2030-01-02T01:04:05.123456Z");
        read.Text("priority").Should().Be("high");
        read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("Work", "q1", "work");
        read.ToString().Should().Be(created.ToString());
    }

    [Fact]
    public async Task Hostile_strings_are_stored_and_returned_verbatim()
    {
        var user = await app.RegisterAsync();
        const string title = "'; DROP TABLE tasks; -- <script>alert(1)</script> \u202Egnp.exe 🐉👩‍👩‍👧 ?";
        const string description = "Robert'); DELETE FROM users WHERE ('1'='1 \" \\ %_ \u200F\u05E9\u05DC\u05D5\u05DD";

        var created = await user.Client.CreateTaskAsync(
            new
            {
                title,
                description,
                tags = new[] { "<b>", "' OR 1=1 --", "🐉" },
            }
        );
        var read = await user.Client.GetJsonAsync($"{TaskApi.Tasks}/{created.Id()}");

        read.Text("title").Should().Be(title);
        read.Text("description").Should().Be(description);
        var tagged = await user.Client.GetJsonAsync($"{TaskApi.Tasks}?tag={Uri.EscapeDataString("' OR 1=1 --")}");
        tagged.GetProperty("items").EnumerateArray().Select(t => t.Id()).Should().Equal(created.Id());
    }

    [Fact]
    public async Task Put_replaces_every_field_and_absent_fields_take_their_defaults()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var created = await user.Client.CreateTaskAsync(
            new
            {
                projectId = project.Id(),
                title = "Old",
                description = "d",
                dueAt = "2030-01-01T00:00:00Z",
                priority = "low",
                tags = new[] { "a" },
            }
        );

        var response = await user.Client.PutAsJsonAsync(
            $"{TaskApi.Tasks}/{created.Id()}",
            new { title = "New", completed = true }
        );

        response.EnsureStatus(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
        var task = await response.JsonAsync();
        task.Text("title").Should().Be("New");
        task.GetProperty("description").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.GetProperty("dueAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.Text("priority").Should().Be("none");
        task.GetProperty("tags").GetArrayLength().Should().Be(0);
        task.GetProperty("completed").GetBoolean().Should().BeTrue();
        task.GetProperty("projectId").GetGuid().Should().NotBe(project.Id(), "an absent projectId means the Inbox");
        task.Text("createdAt").Should().Be(created.Text("createdAt"));
    }

    [Fact]
    public async Task Patch_changes_only_named_fields_and_null_clears_optional_ones()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync(
            new
            {
                title = "Keep",
                description = "gone soon",
                dueAt = "2030-01-01T00:00:00Z",
                priority = "medium",
                tags = new[] { "x", "y" },
            }
        );
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        var renamed = await user.Client.PatchAsync(url, new { priority = "high" });
        renamed.EnsureStatus(HttpStatusCode.OK);
        var task = await renamed.JsonAsync();
        task.Text("title").Should().Be("Keep");
        task.Text("description").Should().Be("gone soon");
        task.Text("priority").Should().Be("high");
        task.GetProperty("tags").GetArrayLength().Should().Be(2);

        var cleared = await user.Client.SendJsonAsync(
            HttpMethod.Patch,
            url,
            """{"description":null,"dueAt":null,"tags":null}"""
        );
        cleared.EnsureStatus(HttpStatusCode.OK);
        task = await cleared.JsonAsync();
        task.GetProperty("description").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.GetProperty("dueAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        task.GetProperty("tags").GetArrayLength().Should().Be(0);
        task.Text("title").Should().Be("Keep");
        task.Text("priority").Should().Be("high");
    }

    [Fact]
    public async Task Patch_with_a_null_title_is_400_and_changes_nothing()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("Stay");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        await (
            await user.Client.SendJsonAsync(
                HttpMethod.Patch,
                url,
                """{"title":null}""",
                contentType: "application/merge-patch+json"
            )
        ).ShouldHaveFieldErrorAsync("title");

        (await user.Client.GetJsonAsync(url)).Text("title").Should().Be("Stay");
    }

    [Fact]
    public async Task Completing_stamps_completedAt_keeps_it_while_completed_and_reopening_clears_it()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("Do it");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        var done = await (await user.Client.PatchAsync(url, new { completed = true })).JsonAsync();
        var stamp = done.Text("completedAt");
        stamp.Should().NotBeNullOrEmpty();

        var edited = await (await user.Client.PatchAsync(url, new { title = "Did it", completed = true })).JsonAsync();
        edited.Text("completedAt").Should().Be(stamp, "completedAt marks when the task became completed");

        var reopened = await (await user.Client.PatchAsync(url, new { completed = false })).JsonAsync();
        reopened.GetProperty("completed").GetBoolean().Should().BeFalse();
        reopened.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Completed_at_sent_by_a_client_is_ignored()
    {
        var user = await app.RegisterAsync();

        var task = await user.Client.CreateTaskAsync(new { title = "t", completedAt = "2000-01-01T00:00:00Z" });

        task.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Patch_moves_a_task_to_another_project_and_null_moves_it_back_to_the_inbox()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var created = await user.Client.CreateTaskAsync("Move me");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        var moved = await (await user.Client.PatchAsync(url, new { projectId = project.Id() })).JsonAsync();
        moved.GetProperty("projectId").GetGuid().Should().Be(project.Id());

        var back = await (await user.Client.SendJsonAsync(HttpMethod.Patch, url, """{"projectId":null}""")).JsonAsync();
        back.GetProperty("projectId").GetGuid().Should().Be(created.GetProperty("projectId").GetGuid());
    }

    [Fact]
    public async Task Patch_accepts_application_json_too()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");

        var response = await user.Client.SendJsonAsync(
            HttpMethod.Patch,
            $"{TaskApi.Tasks}/{created.Id()}",
            new { title = "u" }
        );

        response.EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_is_204_and_the_task_disappears_from_every_read()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("Bye");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        (await user.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await user.Client.GetJsonAsync(TaskApi.Tasks)).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await user.Client.PatchAsync(url, new { title = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_missing_task_is_404_on_every_route()
    {
        var user = await app.RegisterAsync();
        var url = $"{TaskApi.Tasks}/{Guid.CreateVersion7()}";

        await (await user.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PutAsJsonAsync(url, new { title = "x" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await user.Client.PatchAsync(url, new { title = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"{TaskApi.Tasks}/not-an-id")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_in_a_missing_project_is_404()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(
            TaskApi.Tasks,
            new { title = "t", projectId = Guid.CreateVersion7() }
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_project_and_task_routes()
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/v1/tasks/{id}", out var task).Should().BeTrue();
        task.GetProperty("patch")
            .GetProperty("requestBody")
            .GetProperty("content")
            .TryGetProperty("application/merge-patch+json", out _)
            .Should()
            .BeTrue();
        task.GetProperty("put").GetProperty("responses").TryGetProperty("412", out _).Should().BeTrue();
        paths.TryGetProperty("/api/v1/tasks", out var list).Should().BeTrue();
        list.GetProperty("get")
            .GetProperty("parameters")
            .EnumerateArray()
            .Select(p => p.Text("name"))
            .Should()
            .Contain(["projectId", "completed", "tag", "priority", "dueBefore", "dueAfter", "sort", "limit", "cursor"]);
        paths.TryGetProperty("/api/v1/projects/{id}", out var project).Should().BeTrue();
        project.GetProperty("delete").GetProperty("responses").TryGetProperty("409", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Requests_without_a_token_are_401()
    {
        var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync(TaskApi.Tasks);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }
}

public sealed class SqliteTaskCrudTests(SqliteApp app) : TaskCrudTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskCrudTests(PostgresApp app) : TaskCrudTests(app), IClassFixture<PostgresApp>;
