using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

public abstract class TaskValidationTests(TaskforgeApp app)
{
    [Fact]
    public async Task Malformed_json_is_400()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Tasks, """{"title": "unterminated""");

        await response.ShouldHaveFieldErrorAsync("body");
    }

    [Theory]
    [InlineData("""{"title": 5}""", "title")]
    [InlineData("""{"title": "t", "completed": "yes"}""", "completed")]
    [InlineData("""{"title": "t", "dueAt": "tomorrow"}""", "dueAt")]
    [InlineData("""{"title": "t", "projectId": "not-an-id"}""", "projectId")]
    [InlineData("""{"title": "t", "tags": "a"}""", "tags")]
    [InlineData("""{"title": "t", "priority": 3}""", "priority")]
    public async Task A_field_of_the_wrong_type_is_400_naming_it(string body, string field)
    {
        var user = await app.RegisterAsync();

        await (await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Tasks, body)).ShouldHaveFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("""{"completed": "yes"}""", "completed")]
    [InlineData("""{"dueAt": "tomorrow"}""", "dueAt")]
    [InlineData("""{"projectId": "not-an-id"}""", "projectId")]
    [InlineData("""{"tags": [1, 2]}""", "tags")]
    [InlineData("""{"title": 7}""", "title")]
    [InlineData("""{"priority": "urgent"}""", "priority")]
    [InlineData("""[1, 2]""", "body")]
    public async Task A_bad_merge_patch_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("Same");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        await (
            await user.Client.SendRawAsync(HttpMethod.Patch, url, body, "application/merge-patch+json")
        ).ShouldHaveFieldErrorAsync(field);

        var response = await user.Client.GetAsync(url);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_title_outside_1_to_200_characters_is_400(int length)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = new string('t', length) });

        await response.ShouldHaveFieldErrorAsync("title");
    }

    [Fact]
    public async Task Limits_are_inclusive()
    {
        var user = await app.RegisterAsync();

        var task = await user.Client.CreateTaskAsync(
            new
            {
                title = new string('t', 200),
                description = new string('d', 10_000),
                tags = Enumerable.Range(0, 20).Select(i => $"{i}".PadLeft(50, 'x')).ToArray(),
            }
        );

        task.GetProperty("tags").GetArrayLength().Should().Be(20);
    }

    [Fact]
    public async Task A_missing_or_blank_title_is_400()
    {
        var user = await app.RegisterAsync();

        await (
            await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { description = "no title" })
        ).ShouldHaveFieldErrorAsync("title");
        await (await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "   " })).ShouldHaveFieldErrorAsync(
            "title"
        );
    }

    [Fact]
    public async Task A_description_over_10000_characters_is_400()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(
            TaskApi.Tasks,
            new { title = "t", description = new string('d', 10_001) }
        );

        await response.ShouldHaveFieldErrorAsync("description");
    }

    [Theory]
    [InlineData(21, 5)]
    [InlineData(1, 51)]
    [InlineData(1, 0)]
    public async Task Tags_beyond_20_or_outside_1_to_50_characters_are_400(int count, int length)
    {
        var user = await app.RegisterAsync();
        var tags = Enumerable.Range(0, count).Select(i => length == 0 ? "   " : $"{i}".PadLeft(length, 'x')).ToArray();

        var response = await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "t", tags });

        await response.ShouldHaveFieldErrorAsync("tags");
    }

    [Fact]
    public async Task A_null_tag_is_400()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(
            HttpMethod.Post,
            TaskApi.Tasks,
            """{"title":"t","tags":["a",null]}"""
        );

        await response.ShouldHaveFieldErrorAsync("tags");
    }

    [Fact]
    public async Task Duplicate_tags_collapse_before_counting()
    {
        var user = await app.RegisterAsync();

        var task = await user.Client.CreateTaskAsync(
            new { title = "t", tags = Enumerable.Repeat("same", 25).ToArray() }
        );

        task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("same");
    }

    [Fact]
    public async Task An_unknown_priority_is_400()
    {
        var user = await app.RegisterAsync();

        await (
            await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "t", priority = "urgent" })
        ).ShouldHaveFieldErrorAsync("priority");
        await (
            await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "t", priority = "HIGH" })
        ).ShouldHaveFieldErrorAsync("priority");
    }

    [Fact]
    public async Task A_nul_character_is_400_on_both_databases()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "a\u0000b" });

        await response.ShouldHaveFieldErrorAsync("title");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task A_lone_surrogate_escape_is_400_not_500(string method)
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = method == "POST" ? TaskApi.Tasks : $"{TaskApi.Tasks}/{created.Id()}";

        var response = await user.Client.SendRawAsync(
            new HttpMethod(method),
            url,
            """{"title":"a\ud800b","tags":["\udc00"]}"""
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(
            TaskApi.Tasks,
            new
            {
                title = "",
                priority = "urgent",
                description = new string('d', 10_001),
            }
        );

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("title", out _).Should().BeTrue();
        errors.TryGetProperty("priority", out _).Should().BeTrue();
        errors.TryGetProperty("description", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Post, TaskApi.Tasks, "title=t", "text/plain");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class SqliteTaskValidationTests(SqliteApp app) : TaskValidationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskValidationTests(PostgresApp app) : TaskValidationTests(app), IClassFixture<PostgresApp>;
