using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Projects;

public abstract class ProjectTests(TaskforgeApp app)
{
    [Fact]
    public async Task A_new_user_has_exactly_one_default_project_the_inbox()
    {
        var user = await app.RegisterAsync();

        var page = await user.Client.GetJsonAsync(TaskApi.Projects);

        var inbox = page.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        inbox.Text("name").Should().Be("Inbox");
        inbox.GetProperty("isDefault").GetBoolean().Should().BeTrue();
        inbox.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        page.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Create_returns_201_with_location_etag_and_the_project()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(
            TaskApi.Projects,
            new { name = "Garden 🌱 <b>", description = "'; DROP TABLE projects; --" }
        );

        response.EnsureStatus(HttpStatusCode.Created);
        var project = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/projects/{project.Id()}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        project.Text("name").Should().Be("Garden 🌱 <b>");
        project.Text("description").Should().Be("'; DROP TABLE projects; --");
        project.GetProperty("isDefault").GetBoolean().Should().BeFalse();
        (await user.Client.GetJsonAsync(response.Headers.Location.ToString()))
            .ToString()
            .Should()
            .Be(project.ToString());
    }

    [Theory]
    [InlineData("""{"description":"no name"}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"name":"n","isDefault":"yes"}""", "isDefault")]
    public async Task An_invalid_project_is_400(string body, string field)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Projects, body);

        if (field == "isDefault")
        {
            // isDefault is not writable: it is ignored, never an error or a second default.
            response.EnsureStatus(HttpStatusCode.Created);
            (await response.JsonAsync()).GetProperty("isDefault").GetBoolean().Should().BeFalse();
            return;
        }

        await response.ShouldHaveFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_name_over_200_characters_is_400()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(TaskApi.Projects, new { name = new string('n', 201) });

        await response.ShouldHaveFieldErrorAsync("name");
    }

    [Fact]
    public async Task Put_replaces_and_patch_merges()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync("Before");
        var url = $"{TaskApi.Projects}/{project.Id()}";

        var put = await user.Client.PutAsJsonAsync(url, new { name = "After", description = "d" });
        put.EnsureStatus(HttpStatusCode.OK);
        put.Headers.ETag!.Tag.Should().Be("\"2\"");

        var patched = await (await user.Client.PatchAsync(url, new { description = "e" })).JsonAsync();
        patched.Text("name").Should().Be("After");
        patched.Text("description").Should().Be("e");

        var cleared = await (
            await user.Client.SendJsonAsync(HttpMethod.Patch, url, """{"description":null}""")
        ).JsonAsync();
        cleared.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);

        await (await user.Client.SendJsonAsync(HttpMethod.Patch, url, """{"name":null}""")).ShouldHaveFieldErrorAsync(
            "name"
        );
        (await user.Client.GetJsonAsync(url)).Text("name").Should().Be("After");
    }

    [Fact]
    public async Task The_inbox_can_be_renamed_but_not_deleted()
    {
        var user = await app.RegisterAsync();
        var inbox = (await user.Client.GetJsonAsync(TaskApi.Projects)).GetProperty("items")[0];
        var url = $"{TaskApi.Projects}/{inbox.Id()}";

        await (await user.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var renamed = await (await user.Client.PatchAsync(url, new { name = "Incoming" })).JsonAsync();
        renamed.GetProperty("isDefault").GetBoolean().Should().BeTrue();
        (await user.Client.GetJsonAsync(url)).Text("name").Should().Be("Incoming");
    }

    [Fact]
    public async Task Deleting_a_project_soft_deletes_its_tasks_and_leaves_the_others()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var inside = await user.Client.CreateTaskAsync(
            new
            {
                title = "inside",
                projectId = project.Id(),
                tags = new[] { "t" },
            }
        );
        var outside = await user.Client.CreateTaskAsync(new { title = "outside", tags = new[] { "t" } });
        var url = $"{TaskApi.Projects}/{project.Id()}";

        (await user.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync($"{TaskApi.Tasks}/{inside.Id()}")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        (await user.Client.GetAsync($"{TaskApi.Tasks}/{outside.Id()}")).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.ListAllAsync($"{TaskApi.Tasks}?tag=t", 10)).Titles().Should().Equal("outside");
        (await user.Client.ListAllAsync(TaskApi.Projects, 10)).Select(p => p.Id()).Should().NotContain(project.Id());
        await (
            await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "late", projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (
            await user.Client.PatchAsync($"{TaskApi.Tasks}/{outside.Id()}", new { projectId = project.Id() })
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tasks_written_while_their_project_is_deleted_never_outlive_it()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var moving = await user.Client.CreateTaskAsync("moving");

        var writes = Enumerable
            .Range(0, 5)
            .Select(i =>
                user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = $"new {i}", projectId = project.Id() })
            )
            .Append(user.Client.PatchAsync($"{TaskApi.Tasks}/{moving.Id()}", new { projectId = project.Id() }))
            .Append(user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}"));
        var answers = await Task.WhenAll(writes);

        answers
            .Select(a => a.StatusCode)
            .Should()
            .OnlyContain(s =>
                s == HttpStatusCode.Created
                || s == HttpStatusCode.OK
                || s == HttpStatusCode.NoContent
                || s == HttpStatusCode.NotFound
            );
        (await LiveTasksInDeletedProjectsAsync(user.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Tasks_patched_in_their_project_while_it_is_deleted_never_outlive_it()
    {
        // Each patch reads its task in its transaction, then holds the project; the delete must win or wait.
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var inside = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            inside.Add(
                (await user.Client.CreateTaskAsync(new { title = $"inside {i}", projectId = project.Id() })).Id()
            );
        }

        var writes = inside
            .Select(id => user.Client.PatchAsync($"{TaskApi.Tasks}/{id}", new { title = "patched" }))
            .Append(user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}"));
        var answers = await Task.WhenAll(writes);

        answers
            .Select(a => a.StatusCode)
            .Should()
            .OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.NoContent || s == HttpStatusCode.NotFound);
        (await LiveTasksInDeletedProjectsAsync(user.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Project_etags_give_304_and_412_with_nothing_changed()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync("Same");
        var url = $"{TaskApi.Projects}/{project.Id()}";

        var cached = new HttpRequestMessage(HttpMethod.Get, url);
        cached.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        (await user.Client.SendAsync(cached)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        await (
            await user.Client.SendJsonAsync(HttpMethod.Put, url, new { name = "put" }, "\"7\"")
        ).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await user.Client.PatchAsync(url, new { name = "patch" }, "\"7\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"7\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );

        var after = await user.Client.GetAsync(url);
        after.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await after.JsonAsync()).Text("name").Should().Be("Same");
        (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"1\"")).EnsureStatus(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_project_list_pages_in_creation_order()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 4; i++)
        {
            await user.Client.CreateProjectAsync($"p{i}");
        }

        var all = await user.Client.ListAllAsync(TaskApi.Projects, 2);

        all.Select(p => p.Text("name")).Should().Equal("Inbox", "p0", "p1", "p2", "p3");
        await (await user.Client.GetAsync($"{TaskApi.Projects}?limit=500")).ShouldHaveFieldErrorAsync("limit");
        await (await user.Client.GetAsync($"{TaskApi.Projects}?cursor=nope")).ShouldHaveFieldErrorAsync("cursor");
    }

    [Fact]
    public async Task Deleting_the_account_soft_deletes_its_projects_and_tasks()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        await user.Client.CreateTaskAsync(new { title = "t", projectId = project.Id() });
        await user.Client.CreateTaskAsync("in the inbox");

        (await user.Client.DeleteAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.NoContent);

        await using var db = await app.OpenAsync();
        (
            await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM tasks WHERE owner_id = @id AND deleted_at IS NULL",
                new { id = user.Id }
            )
        )
            .Should()
            .Be(0);
        (
            await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM tasks WHERE owner_id = @id AND deleted_at IS NOT NULL",
                new { id = user.Id }
            )
        )
            .Should()
            .Be(2);
        var liveProjects = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM projects WHERE owner_id = @id AND deleted_at IS NULL",
            new { id = user.Id }
        );
        liveProjects.Should().Be(0);
    }

    private async Task<long> LiveTasksInDeletedProjectsAsync(Guid ownerId)
    {
        await using var db = await app.OpenAsync();
        return await db.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.owner_id = @id AND t.deleted_at IS NULL AND p.deleted_at IS NOT NULL
            """,
            new { id = ownerId }
        );
    }
}

public sealed class SqliteProjectTests(SqliteApp app) : ProjectTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresProjectTests(PostgresApp app) : ProjectTests(app), IClassFixture<PostgresApp>;
