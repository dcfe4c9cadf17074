using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

public abstract class TaskETagTests(TaskforgeApp app)
{
    [Fact]
    public async Task Get_with_a_matching_if_none_match_is_304_and_with_a_stale_one_200()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";
        var etag = (await user.Client.GetAsync(url)).Headers.ETag!.Tag;

        var cached = new HttpRequestMessage(HttpMethod.Get, url);
        cached.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await user.Client.SendAsync(cached);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.Tag.Should().Be(etag);

        await user.Client.PatchAsync(url, new { title = "changed" });
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var fresh = await user.Client.SendAsync(stale);
        fresh.EnsureStatus(HttpStatusCode.OK);
        fresh.Headers.ETag!.Tag.Should().NotBe(etag);
    }

    [Fact]
    public async Task Every_write_changes_the_strong_etag()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.PostAsJsonAsync(TaskApi.Tasks, new { title = "t" });
        var url = created.Headers.Location!.ToString();
        created.Headers.ETag!.Tag.Should().Be("\"1\"");

        var put = await user.Client.SendJsonAsync(HttpMethod.Put, url, new { title = "u" }, "\"1\"");
        put.EnsureStatus(HttpStatusCode.OK);
        put.Headers.ETag!.Tag.Should().Be("\"2\"");

        var patch = await user.Client.PatchAsync(url, new { title = "v" }, "\"2\"");
        patch.EnsureStatus(HttpStatusCode.OK);
        patch.Headers.ETag!.Tag.Should().Be("\"3\"");
        patch.Headers.ETag.IsWeak.Should().BeFalse();
    }

    [Theory]
    [InlineData("\"99\"")]
    [InlineData("W/\"1\"")]
    [InlineData("garbage")]
    public async Task A_stale_if_match_is_412_on_put_patch_and_delete_and_nothing_changes(string ifMatch)
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync(new { title = "original", tags = new[] { "keep" } });
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        await (
            await user.Client.SendJsonAsync(HttpMethod.Put, url, new { title = "put" }, ifMatch)
        ).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (
            await user.Client.PatchAsync(url, new { title = "patch", tags = (string[]?)null }, ifMatch)
        ).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, ifMatch)).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );

        var after = await user.Client.GetAsync(url);
        after.EnsureStatus(HttpStatusCode.OK);
        after.Headers.ETag!.Tag.Should().Be("\"1\"");
        var task = await after.JsonAsync();
        task.Text("title").Should().Be("original");
        task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("keep");
    }

    [Fact]
    public async Task If_match_star_or_the_current_etag_lets_writes_through()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        (await user.Client.SendJsonAsync(HttpMethod.Put, url, new { title = "put" }, "*")).EnsureStatus(
            HttpStatusCode.OK
        );
        (await user.Client.PatchAsync(url, new { title = "patch" }, "*")).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PatchAsync(url, new { title = "again" }, "\"3\"")).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"4\"")).EnsureStatus(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Concurrent_writes_with_the_same_if_match_let_exactly_one_through()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync("t");
        var url = $"{TaskApi.Tasks}/{created.Id()}";

        var answers = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => user.Client.PatchAsync(url, new { title = $"writer {i}" }, "\"1\""))
        );

        answers.Select(a => a.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.OK);
        answers
            .Select(a => a.StatusCode)
            .Where(s => s != HttpStatusCode.OK)
            .Should()
            .AllBeEquivalentTo(HttpStatusCode.PreconditionFailed);
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).JsonAsync();
        var stored = await user.Client.GetAsync(url);
        stored.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await stored.JsonAsync()).Text("title").Should().Be(winner.Text("title"));
    }

    [Fact]
    public async Task A_delete_with_if_match_star_on_a_missing_task_is_404()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendJsonAsync(
            HttpMethod.Delete,
            $"{TaskApi.Tasks}/{Guid.CreateVersion7()}",
            null,
            "*"
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteTaskETagTests(SqliteApp app) : TaskETagTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskETagTests(PostgresApp app) : TaskETagTests(app), IClassFixture<PostgresApp>;
