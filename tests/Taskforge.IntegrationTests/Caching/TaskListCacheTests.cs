using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Caching;

/// <summary>
/// A list page is kept as the bytes first written for its owner and its exact request: each
/// answer here is asked for once before the one that must differ from it, so a page kept under
/// too broad a key (the version, the query, the owner) or too long fails the test.
/// </summary>
public abstract class TaskListCacheTests(TaskforgeApp app)
{
    [Fact]
    public async Task The_same_query_under_v1_and_v2_answers_in_each_versions_representation()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync("versioned");

        var v1 = await OnlyItemAsync(user.Client, "/api/v1/tasks?limit=10");
        var v2 = await OnlyItemAsync(user.Client, "/api/v2/tasks?limit=10");

        v1.GetProperty("completed").GetBoolean().Should().BeFalse();
        v1.TryGetProperty("status", out _).Should().BeFalse();
        v2.GetProperty("status").GetString().Should().Be("todo");
        v2.TryGetProperty("completed", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Queries_that_differ_only_in_their_query_string_are_answered_apart()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "red", tags = new[] { "red" } });
        await user.Client.CreateTaskAsync(new { title = "blue", tags = new[] { "blue" } });

        (await TitlesAsync(user.Client, "/api/v1/tasks?tag=red")).Should().Equal("red");
        (await TitlesAsync(user.Client, "/api/v1/tasks?tag=blue")).Should().Equal("blue");
        (await TitlesAsync(user.Client, "/api/v1/tasks?limit=1")).Should().ContainSingle();
        (await TitlesAsync(user.Client, "/api/v1/tasks?limit=2")).Should().HaveCount(2);
        (await TitlesAsync(user.Client, "/api/v1/tasks?sort=title")).Should().Equal("blue", "red");
        (await TitlesAsync(user.Client, "/api/v1/tasks?sort=-title")).Should().Equal("red", "blue");
    }

    [Fact]
    public async Task A_page_asked_before_a_patch_shows_the_patch_after_it()
    {
        var user = await app.RegisterAsync();
        var task = await user.Client.CreateTaskAsync("before");
        (await TitlesAsync(user.Client, "/api/v2/tasks")).Should().Equal("before");

        (await user.Client.PatchJsonAsync($"/api/v2/tasks/{task.Id()}", new { title = "after" })).EnsureStatus(
            HttpStatusCode.OK
        );

        (await TitlesAsync(user.Client, "/api/v2/tasks")).Should().Equal("after");
    }

    [Fact]
    public async Task One_owners_page_is_never_another_owners_answer_to_the_same_request()
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        await owner.Client.CreateTaskAsync("mine");

        (await TitlesAsync(owner.Client, "/api/v1/tasks?limit=7")).Should().Equal("mine");
        (await TitlesAsync(other.Client, "/api/v1/tasks?limit=7")).Should().BeEmpty();
    }

    private static async Task<JsonElement> OnlyItemAsync(HttpClient client, string url) =>
        (await client.GetJsonAsync(url)).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;

    private static async Task<List<string?>> TitlesAsync(HttpClient client, string url) =>
        [
            .. (await client.GetJsonAsync(url))
                .GetProperty("items")
                .EnumerateArray()
                .Select(item => item.GetProperty("title").GetString()),
        ];
}

public sealed class SqliteTaskListCacheTests(SqliteApp app) : TaskListCacheTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskListCacheTests(PostgresApp app) : TaskListCacheTests(app), IClassFixture<PostgresApp>;
