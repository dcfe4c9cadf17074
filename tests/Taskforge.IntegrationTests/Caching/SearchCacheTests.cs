using System.Net;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Caching;

/// <summary>
/// Search pages are cached per owner: each search here is asked once before the write that
/// changes its answer, so a page cached too long fails the test. On one instance, and across
/// two instances sharing Redis.
/// </summary>
public abstract class SearchCacheTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task Every_kind_of_write_changes_the_next_answer_to_a_search_asked_before_it()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var user = await app.RegisterAsync();
        var client = user.Client;

        (await TitlesAsync(client, "quokka")).Should().BeEmpty();
        var task = await client.CreateTaskAsync(new { title = "quokka" });
        (await TitlesAsync(client, "quokka")).Should().Equal("quokka");

        var url = $"{TaskApi.Tasks}/{task.Id()}";
        (await TitlesAsync(client, "marsupial")).Should().BeEmpty();
        (await client.PatchAsync(url, new { tags = new[] { "marsupial" } })).EnsureStatus(HttpStatusCode.OK);
        (await TitlesAsync(client, "marsupial")).Should().Equal("quokka");

        var project = await client.CreateProjectAsync("Zoo");
        (await TitlesAsync(client, "zoo")).Should().BeEmpty();
        (await client.PatchAsync(url, new { projectId = project.Id() })).EnsureStatus(HttpStatusCode.OK);
        (await TitlesAsync(client, "zoo")).Should().Equal("quokka");

        (await TitlesAsync(client, "sanctuary")).Should().BeEmpty();
        (await client.PatchAsync($"{TaskApi.Projects}/{project.Id()}", new { name = "Sanctuary" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await TitlesAsync(client, "sanctuary")).Should().Equal("quokka");
        (await TitlesAsync(client, "zoo")).Should().BeEmpty();

        (await client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);
        (await TitlesAsync(client, "quokka")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_write_on_one_instance_changes_a_search_cached_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var user = await first.RegisterAsync();
        var reader = second.ClientWith(user.AccessToken);

        (await TitlesAsync(reader, "wombat")).Should().BeEmpty();
        var task = await user.Client.CreateTaskAsync(new { title = "wombat" });
        (await TitlesAsync(reader, "wombat")).Should().Equal("wombat");

        (await user.Client.PatchAsync($"{TaskApi.Tasks}/{task.Id()}", new { title = "numbat" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await TitlesAsync(reader, "wombat")).Should().BeEmpty();
        (await TitlesAsync(reader, "numbat")).Should().Equal("numbat");
    }

    [Fact]
    public async Task One_owners_cached_search_is_never_another_owners_answer()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        await owner.Client.CreateTaskAsync(new { title = "platypus" });

        (await TitlesAsync(owner.Client, "platypus")).Should().Equal("platypus");
        (await TitlesAsync(other.Client, "platypus")).Should().BeEmpty();
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string q)
    {
        var page = await client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("task").Text("title")).ToList();
    }
}

public sealed class SqliteSearchCacheTests() : SearchCacheTests(() => new SqliteApp());

public sealed class PostgresSearchCacheTests() : SearchCacheTests(() => new PostgresApp());
