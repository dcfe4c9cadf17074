using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;
using static Taskforge.IntegrationTests.Webhooks.WebhookApi;

namespace Taskforge.IntegrationTests.Webhooks;

/// <summary>
/// The webhook routes: the secret shown once, validation, the address rules at creation, owners
/// only. Nothing is sent here (no workers): deliveries stay pending.
/// </summary>
public abstract class WebhookApiTests(TaskforgeApp fixture)
{
    private readonly TaskforgeApp _app = fixture.With("Workers:Enabled", "false");

    [Fact]
    public async Task Create_answers_201_with_the_secret_which_no_later_answer_shows()
    {
        var user = await _app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(
            WebhooksPath,
            new
            {
                url = PublicUrl,
                events = new[] { "task.created", "task.completed" },
                description = "CI",
            }
        );

        response.EnsureStatus(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"{WebhooksPath}/{created.Id()}");
        response.Headers.ETag.Should().NotBeNull();
        created.Text("url").Should().Be(PublicUrl);
        created
            .GetProperty("events")
            .EnumerateArray()
            .Select(e => e.GetString())
            .Should()
            .Equal("task.created", "task.completed");
        created.Text("description").Should().Be("CI");
        created.GetProperty("active").GetBoolean().Should().BeTrue();
        var secret = created.Text("secret");
        secret.Should().StartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.Should().BeGreaterThanOrEqualTo(24);

        var one = await user.Client.GetAsync($"{WebhooksPath}/{created.Id()}");
        one.EnsureStatus(HttpStatusCode.OK);
        var oneText = await one.Content.ReadAsStringAsync();
        oneText.Should().NotContain("secret").And.NotContain(secret["whsec_".Length..]);
        var list = await user.Client.GetAsync(WebhooksPath);
        (await list.Content.ReadAsStringAsync())
            .Should()
            .NotContain("secret")
            .And.NotContain(secret["whsec_".Length..]);
        var second = await user.Client.CreateWebhookAsync(PublicUrl);
        second.Secret.Should().NotBe(secret);
    }

    [Fact]
    public async Task Get_has_a_strong_etag_and_honours_if_none_match()
    {
        var user = await _app.RegisterAsync();
        var (id, _, _) = await user.Client.CreateWebhookAsync(PublicUrl);

        var first = await user.Client.GetAsync($"{WebhooksPath}/{id}");
        first.EnsureStatus(HttpStatusCode.OK);
        var again = await user.Client.SendJsonAsync(
            HttpMethod.Get,
            $"{WebhooksPath}/{id}",
            ifNoneMatch: first.ETagOf()
        );

        again.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://172.16.5.4/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:a9fe:a9fe]/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("http://93.184.215.14/hook")]
    public async Task Create_refuses_urls_that_lead_inside_or_are_not_https(string url)
    {
        var user = await _app.RegisterAsync();

        var response = await user.Client.PostAsJsonAsync(WebhooksPath, new { url, events = new[] { "*" } });

        await response.ShouldHaveFieldErrorAsync("url");
        (await user.Client.GetJsonAsync(WebhooksPath)).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": "task.created"}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": ["task.exploded"]}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": ["internal.password_changed"]}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": []}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": ["*", "task.created"]}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": [null]}""", "events")]
    [InlineData("""{"url": "https://93.184.215.14/h"}""", "events")]
    [InlineData("""{"events": ["*"]}""", "url")]
    [InlineData("""{"url": "/relative/hook", "events": ["*"]}""", "url")]
    [InlineData("""{"url": "ftp://93.184.215.14/h", "events": ["*"]}""", "url")]
    [InlineData("""{"url": "https://user:password@93.184.215.14/h", "events": ["*"]}""", "url")]
    [InlineData("""{"url": "https://93.184.215.14/ h", "events": ["*"]}""", "url")]
    [InlineData("""{"url": 42, "events": ["*"]}""", "url")]
    [InlineData("""{"url": "https://93.184.215.14/h", "events": ["*"]""", "body")]
    [InlineData("""["https://93.184.215.14/h"]""", "body")]
    public async Task Create_refuses_bad_input_with_a_field_error_and_creates_nothing(string body, string field)
    {
        var user = await _app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Post, WebhooksPath, body);

        await response.ShouldHaveFieldErrorAsync(field);
        (await user.Client.GetJsonAsync(WebhooksPath)).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Create_refuses_a_url_of_10000_characters_and_a_description_over_500()
    {
        var user = await _app.RegisterAsync();

        var longUrl = await user.Client.PostAsJsonAsync(
            WebhooksPath,
            new { url = PublicUrl + "?" + new string('a', 10_000), events = new[] { "*" } }
        );
        var longDescription = await user.Client.PostAsJsonAsync(
            WebhooksPath,
            new
            {
                url = PublicUrl,
                events = new[] { "*" },
                description = new string('d', 501),
            }
        );

        await longUrl.ShouldHaveFieldErrorAsync("url");
        await longDescription.ShouldHaveFieldErrorAsync("description");
    }

    [Fact]
    public async Task A_user_has_at_most_20_webhooks_and_lists_them_page_by_page()
    {
        var user = await _app.RegisterAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await user.Client.CreateWebhookAsync($"{PublicUrl}/{i}", "task.created")).Id);
        }

        var oneTooMany = await user.Client.PostAsJsonAsync(
            WebhooksPath,
            new { url = PublicUrl, events = new[] { "*" } }
        );

        await oneTooMany.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var listed = await user.Client.ListAllAsync(WebhooksPath, 6);
        listed.Select(w => w.Id()).Should().Equal(ids);
        var other = await _app.RegisterAsync();
        (await user.Client.DeleteAsync($"{WebhooksPath}/{ids[0]}")).EnsureStatus(HttpStatusCode.NoContent);
        (await user.Client.CreateWebhookAsync(PublicUrl)).Id.Should().NotBeEmpty();
        (await other.Client.CreateWebhookAsync(PublicUrl)).Id.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Patch_changes_url_events_and_description_with_the_same_rules()
    {
        var user = await _app.RegisterAsync();
        var (id, _, _) = await user.Client.CreateWebhookAsync(PublicUrl, "task.created");
        var url = $"{WebhooksPath}/{id}";
        var read = await user.Client.GetAsync(url);

        var changed = await user.Client.PatchAsync(
            url,
            new
            {
                url = PublicUrl + "/v2",
                events = new[] { "*" },
                description = (string?)null,
            },
            read.ETagOf()
        );

        changed.EnsureStatus(HttpStatusCode.OK);
        var webhook = await changed.JsonAsync();
        webhook.Text("url").Should().Be(PublicUrl + "/v2");
        webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("*");
        webhook.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        changed.ETagOf().Should().NotBe(read.ETagOf());
        (await user.Client.PatchAsync(url, new { description = "stale" }, read.ETagOf()))
            .StatusCode.Should()
            .Be(HttpStatusCode.PreconditionFailed);
        await (await user.Client.PatchAsync(url, new { url = "https://127.0.0.1/inside" })).ShouldHaveFieldErrorAsync(
            "url"
        );
        await (await user.Client.PatchAsync(url, new { url = "https://localhost/inside" })).ShouldHaveFieldErrorAsync(
            "url"
        );
        await (await user.Client.PatchAsync(url, new { events = new[] { "nope" } })).ShouldHaveFieldErrorAsync(
            "events"
        );
        await (await user.Client.PatchAsync(url, new { events = "task.created" })).ShouldHaveFieldErrorAsync("events");
        await (await user.Client.PatchAsync(url, new { events = (string[]?)null })).ShouldHaveFieldErrorAsync("events");
        await (await user.Client.PatchAsync(url, new { active = (bool?)null })).ShouldHaveFieldErrorAsync("active");
        await (await user.Client.PatchAsync(url, new { active = "yes" })).ShouldHaveFieldErrorAsync("active");
        (await user.Client.GetJsonAsync(url)).Text("url").Should().Be(PublicUrl + "/v2");
    }

    [Fact]
    public async Task Delete_answers_204_and_the_webhook_is_gone()
    {
        var user = await _app.RegisterAsync();
        var (id, _, _) = await user.Client.CreateWebhookAsync(PublicUrl);

        (await user.Client.DeleteAsync($"{WebhooksPath}/{id}")).EnsureStatus(HttpStatusCode.NoContent);

        (await user.Client.GetAsync($"{WebhooksPath}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await user.Client.DeleteAsync($"{WebhooksPath}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await user.Client.GetJsonAsync(WebhooksPath)).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Another_users_webhook_and_its_deliveries_are_404_on_every_route()
    {
        var owner = await _app.RegisterAsync();
        var stranger = await _app.RegisterAsync();
        var (id, _, _) = await owner.Client.CreateWebhookAsync(PublicUrl);
        (await owner.Client.PostAsync($"{WebhooksPath}/{id}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);
        var delivery = (await owner.Client.DeliveriesAsync(id)).Should().ContainSingle().Subject.Id();
        var url = $"{WebhooksPath}/{id}";

        foreach (
            var response in new[]
            {
                await stranger.Client.GetAsync(url),
                await stranger.Client.PatchAsync(url, new { description = "mine now" }),
                await stranger.Client.DeleteAsync(url),
                await stranger.Client.PostAsync($"{url}/ping", null),
                await stranger.Client.GetAsync($"{url}/deliveries"),
                await stranger.Client.PostAsync($"{url}/deliveries/{delivery}/redeliver", null),
                await owner.Client.PostAsync($"{url}/deliveries/{Guid.NewGuid()}/redeliver", null),
                await owner.Client.GetAsync($"{WebhooksPath}/{Guid.NewGuid()}/deliveries"),
            }
        )
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await stranger.Client.GetJsonAsync(WebhooksPath)).GetProperty("items").GetArrayLength().Should().Be(0);
        (await owner.Client.GetJsonAsync(url)).Text("description").Should().Be("test receiver");
    }

    [Fact]
    public async Task Deliveries_reject_a_bad_limit_or_cursor()
    {
        var user = await _app.RegisterAsync();
        var (id, _, _) = await user.Client.CreateWebhookAsync(PublicUrl);

        await (await user.Client.GetAsync($"{WebhooksPath}/{id}/deliveries?limit=0")).ShouldHaveFieldErrorAsync(
            "limit"
        );
        await (await user.Client.GetAsync($"{WebhooksPath}/{id}/deliveries?cursor=forged")).ShouldHaveFieldErrorAsync(
            "cursor"
        );
    }
}

public sealed class SqliteWebhookApiTests(SqliteApp app) : WebhookApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWebhookApiTests(PostgresApp app) : WebhookApiTests(app), IClassFixture<PostgresApp>;
