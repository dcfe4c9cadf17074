using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>GET /search: stemming, prefixes, ranking, safe highlights, filters, isolation and hostile queries.</summary>
public abstract class SearchTests(TaskforgeApp app)
{
    private const string Search = "/api/v1/search";

    private static string Url(string q, string extra = "") => $"{Search}?q={Uri.EscapeDataString(q)}{extra}";

    private static async Task<List<JsonElement>> HitsAsync(TestUser user, string q, string extra = "")
    {
        var page = await user.Client.GetJsonAsync(Url(q, extra));
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static List<string> Titles(List<JsonElement> hits) =>
        hits.Select(h => h.GetProperty("task").Text("title")).ToList();

    [Fact]
    public async Task Other_forms_and_prefixes_of_words_are_found()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Go for a run" });
        await user.Client.CreateTaskAsync(new { title = "Buy groceries" });
        await user.Client.CreateTaskAsync(new { title = "Unrelated chore" });

        Titles(await HitsAsync(user, "running")).Should().Equal("Go for a run");
        Titles(await HitsAsync(user, "gro")).Should().Equal("Buy groceries");
        Titles(await HitsAsync(user, "buy GROC")).Should().Equal("Buy groceries");
        (await HitsAsync(user, "gro run")).Should().BeEmpty("every word must match");
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_description_match_and_tags_and_project_names_are_found()
    {
        var user = await app.RegisterAsync();
        var garden = await user.Client.CreateProjectAsync("Garden");
        await user.Client.CreateTaskAsync(
            new { title = "Weekly chores", description = "Water the tomatoes and the basil on the balcony" }
        );
        await user.Client.CreateTaskAsync(new { title = "Tomatoes", description = "ripe" });
        await user.Client.CreateTaskAsync(new { title = "Prune", tags = new[] { "orchard" } });
        await user.Client.CreateTaskAsync(new { title = "Rake leaves", projectId = garden.Id() });

        var hits = await HitsAsync(user, "tomato");
        Titles(hits).Should().Equal("Tomatoes", "Weekly chores");
        hits[0].GetProperty("score").GetDouble().Should().BeGreaterThan(hits[1].GetProperty("score").GetDouble());
        hits[1]
            .GetProperty("highlights")
            .Text("description")
            .Should()
            .Be("Water the <mark>tomatoes</mark> and the basil on the balcony");
        Titles(await HitsAsync(user, "orchard")).Should().Equal("Prune");
        Titles(await HitsAsync(user, "garden")).Should().Equal("Rake leaves");
    }

    [Fact]
    public async Task Highlights_escape_everything_but_the_marks()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(
            new { title = "<script>alert('x')</script> & groceries", description = "a <b>bold</b> \uE000 list" }
        );

        var hit = (await HitsAsync(user, "groceries")).Should().ContainSingle().Subject;
        var highlights = hit.GetProperty("highlights");
        highlights
            .Text("title")
            .Should()
            .Be("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>groceries</mark>");
        highlights.Text("description").Should().Be("a &lt;b&gt;bold&lt;/b&gt; \uE000 list");
        hit.GetProperty("task").Text("title").Should().Be("<script>alert('x')</script> & groceries");
    }

    [Fact]
    public async Task Filters_isolation_and_deletes_apply()
    {
        var user = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var work = await user.Client.CreateProjectAsync("Work");
        await user.Client.CreateTaskAsync(new { title = "report draft", projectId = work.Id() });
        var done = await user.Client.CreateTaskAsync(new { title = "report final", completed = true });
        var gone = await user.Client.CreateTaskAsync(new { title = "report obsolete" });
        await other.Client.CreateTaskAsync(new { title = "report zanzibar" });

        (await user.Client.DeleteAsync($"{TaskApi.Tasks}/{gone.Id()}")).EnsureStatus(HttpStatusCode.NoContent);

        Titles(await HitsAsync(user, "report")).Should().BeEquivalentTo("report draft", "report final");
        Titles(await HitsAsync(user, "report", "&completed=true")).Should().Equal("report final");
        Titles(await HitsAsync(user, "report", "&completed=false")).Should().Equal("report draft");
        Titles(await HitsAsync(user, "report", $"&projectId={work.Id()}")).Should().Equal("report draft");
        (await HitsAsync(user, "zanzibar")).Should().BeEmpty();
        (await HitsAsync(user, "obsolete")).Should().BeEmpty();
        (await HitsAsync(user, "obsolete", "&completed=false")).Should().BeEmpty();
        Titles(await HitsAsync(other, "report")).Should().Equal("report zanzibar");
        done.Id().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_write_is_searchable_as_soon_as_it_is_acknowledged()
    {
        var user = await app.RegisterAsync();
        var task = await user.Client.CreateTaskAsync(new { title = "quokka" });
        Titles(await HitsAsync(user, "quokka")).Should().Equal("quokka");

        var url = $"{TaskApi.Tasks}/{task.Id()}";
        (await user.Client.PatchAsync(url, new { title = "wombat", tags = new[] { "marsupial" } })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await HitsAsync(user, "quokka")).Should().BeEmpty();
        Titles(await HitsAsync(user, "wombat marsupial")).Should().Equal("wombat");

        var project = await user.Client.CreateProjectAsync("Zoo");
        (await user.Client.PatchAsync(url, new { projectId = project.Id() })).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync($"{TaskApi.Projects}/{project.Id()}", new { name = "Sanctuary" })).EnsureStatus(
            HttpStatusCode.OK
        );
        Titles(await HitsAsync(user, "sanctuary")).Should().Equal("wombat");
        (await HitsAsync(user, "zoo")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_task_created_with_tags_is_found_by_each_tag_at_once()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Shear", tags = new[] { "alpaca", "llama" } });

        Titles(await HitsAsync(user, "alpaca")).Should().Equal("Shear");
        Titles(await HitsAsync(user, "llama")).Should().Equal("Shear");
        Titles(await HitsAsync(user, "shear alpaca llama")).Should().Equal("Shear");
    }

    [Fact]
    public async Task Each_hit_carries_its_own_tasks_tags()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Walrus one", tags = new[] { "zoo", "cold" } });
        await user.Client.CreateTaskAsync(new { title = "Walrus two", tags = new[] { "beach" } });
        await user.Client.CreateTaskAsync(new { title = "Walrus three" });

        var tags = (await HitsAsync(user, "walrus")).ToDictionary(
            h => h.GetProperty("task").Text("title"),
            h => h.GetProperty("task").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList()
        );

        tags.Should().HaveCount(3);
        tags["Walrus one"].Should().BeEquivalentTo("cold", "zoo");
        tags["Walrus two"].Should().Equal("beach");
        tags["Walrus three"].Should().BeEmpty();
    }

    [Fact]
    public async Task A_repeated_search_answers_the_same_json_with_its_media_type()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Narwhal <tusk> & co", tags = new[] { "sea" } });

        var first = await user.Client.GetAsync(Url("narwhal"));
        var again = await user.Client.GetAsync(Url("narwhal")); // from the rendered page

        foreach (var response in new[] { first, again })
        {
            response.EnsureStatus(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        }

        var body = await again.Content.ReadAsStringAsync();
        body.Should().Be(await first.Content.ReadAsStringAsync());
        var hit = JsonDocument.Parse(body).RootElement.GetProperty("items")[0];
        hit.GetProperty("task").Text("title").Should().Be("Narwhal <tusk> & co");
        hit.GetProperty("highlights").Text("title").Should().Be("<mark>Narwhal</mark> &lt;tusk&gt; &amp; co");
    }

    [Fact]
    public async Task Identical_bad_searches_at_once_each_get_their_400_and_nothing_is_kept()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Ibis" });
        var tooLong = Url(new string('a', 201));

        // Concurrent identical requests share one attempt at the page; a failed one is not kept,
        // and each request still answers its own problem.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.Client.GetAsync(tooLong)));
        foreach (var response in responses)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await user.Client.GetAsync(tooLong)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Titles(await HitsAsync(user, "ibis")).Should().Equal("Ibis");
    }

    [Fact]
    public async Task Tags_replaced_by_a_patch_are_found_by_the_new_tag_only()
    {
        var user = await app.RegisterAsync();
        var task = await user.Client.CreateTaskAsync(new { title = "Feed", tags = new[] { "capybara", "tapir" } });
        var url = $"{TaskApi.Tasks}/{task.Id()}";

        (await user.Client.PatchAsync(url, new { tags = new[] { "tapir", "okapi" } })).EnsureStatus(HttpStatusCode.OK);
        (await HitsAsync(user, "capybara")).Should().BeEmpty();
        Titles(await HitsAsync(user, "okapi")).Should().Equal("Feed");
        Titles(await HitsAsync(user, "tapir")).Should().Equal("Feed");

        (await user.Client.PatchAsync(url, new { tags = Array.Empty<string>() })).EnsureStatus(HttpStatusCode.OK);
        (await HitsAsync(user, "okapi")).Should().BeEmpty();
        (await HitsAsync(user, "tapir")).Should().BeEmpty();
        Titles(await HitsAsync(user, "feed")).Should().Equal("Feed");
    }

    [Fact]
    public async Task A_patch_that_changes_no_searchable_field_leaves_the_index_alone()
    {
        var user = await app.RegisterAsync();
        var task = await user.Client.CreateTaskAsync(
            new
            {
                title = "Groom",
                description = "the pony",
                tags = new[] { "stable" },
            }
        );
        var url = $"{TaskApi.Tasks}/{task.Id()}";
        var written = await IndexStateAsync(task.Id());

        (await user.Client.PatchAsync(url, new { completed = true })).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync(url, new { priority = "high", dueAt = "2030-01-01T09:00:00Z" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await user.Client.PatchAsync(url, new { tags = new[] { "stable" }, title = "Groom" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await IndexStateAsync(task.Id())).Should().Be(written, "nothing searchable changed");
        Titles(await HitsAsync(user, "stable pony groom")).Should().Equal("Groom");

        (await user.Client.PatchAsync(url, new { description = "the horse" })).EnsureStatus(HttpStatusCode.OK);
        (await IndexStateAsync(task.Id())).Should().NotBe(written, "the description changed");
        Titles(await HitsAsync(user, "horse stable")).Should().Equal("Groom");
        (await HitsAsync(user, "pony")).Should().BeEmpty();
    }

    // What changes whenever the task's search row is written: PostgreSQL's row version of its
    // document; on SQLite, FTS5's structure record, whose write counter moves with every write.
    private async Task<string> IndexStateAsync(Guid taskId)
    {
        var sql =
            app is SqliteApp
                ? "SELECT hex(block) FROM task_search_data WHERE id = 10"
                : "SELECT xmin::text FROM task_search WHERE task_id = @id";
        var rows = await app.QueryAsync(sql, app is SqliteApp ? null : taskId, reader => reader.GetString(0));
        return rows.Should().ContainSingle().Subject;
    }

    [Fact]
    public async Task Paging_returns_every_hit_once()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 7; i++)
        {
            await user.Client.CreateTaskAsync(new { title = $"paging item {i}", description = new string('x', i) });
        }

        var hits = await user.Client.ListAllAsync(Url("paging"), 3);
        hits.Select(h => h.GetProperty("task").Id()).Should().HaveCount(7).And.OnlyHaveUniqueItems();

        var first = await user.Client.GetJsonAsync(Url("paging", "&limit=3"));
        var cursor = Uri.EscapeDataString(first.Text("nextCursor"));
        await (await user.Client.GetAsync(Url("item", $"&cursor={cursor}"))).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
    }

    [Fact]
    public async Task Hostile_queries_are_words_or_a_400_never_a_500()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "near the tasks table", description = "café naïve 日本語 🎉" });

        foreach (
            var q in new[]
            {
                "\"",
                "\"unbalanced",
                "NEAR(a b)",
                "*",
                "OR",
                "a OR",
                "(",
                ")",
                "'; DROP TABLE tasks; --",
                "title:near",
                "near^",
                "-near",
                "near & | ! :*",
                "\\",
                "🎉",
                "日本語",
                "ÇAFÉ",
                "\u200B\u0301",
            }
        )
        {
            var response = await user.Client.GetAsync(Url(q));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"q was '{q}'");
        }

        Titles(await HitsAsync(user, "NEAR(tasks table")).Should().Equal("near the tasks table");
        Titles(await HitsAsync(user, "'; DROP TABLE tasks; --")).Should().BeEmpty();
        Titles(await HitsAsync(user, "CAFÉ")).Should().Equal("near the tasks table");
        (await user.Client.GetJsonAsync("/api/v1/tasks")).GetProperty("items").GetArrayLength().Should().Be(1);

        await (await user.Client.GetAsync(Url(new string('a', 10_000)))).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        await (await user.Client.GetAsync(Url(new string('a', 201)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await user.Client.GetAsync(Url(new string('a', 200)))).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await user.Client.GetAsync(Search)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await user.Client.GetAsync(Url(""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await user.Client.GetAsync(Url("near", "&completed=maybe"))).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        await (await user.Client.GetAsync(Url("near", "&projectId=nope"))).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        await (await user.Client.GetAsync(Url("near", "&cursor=forged.x"))).ShouldBeProblemAsync(
            HttpStatusCode.BadRequest
        );
        (await app.CreateClient().GetAsync(Url("near"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_search_and_history()
    {
        var paths = (await app.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        paths
            .GetProperty("/api/v1/search")
            .GetProperty("get")
            .GetProperty("parameters")
            .EnumerateArray()
            .Select(p => p.Text("name"))
            .Should()
            .Contain(["q", "projectId", "completed", "limit", "cursor"]);
        paths
            .GetProperty("/api/v1/tasks/{id}/history")
            .GetProperty("get")
            .GetProperty("responses")
            .TryGetProperty("404", out _)
            .Should()
            .BeTrue();
    }
}

public sealed class SqliteSearchTests(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSearchTests(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;
