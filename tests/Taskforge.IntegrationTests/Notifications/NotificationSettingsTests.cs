using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Notifications;

/// <summary>GET, PUT and PATCH of the caller's notification switches.</summary>
public abstract class NotificationSettingsTests(TaskforgeApp app)
{
    private const string Settings = "/api/v1/users/me/notification-settings";

    [Fact]
    public async Task A_new_user_has_every_switch_on_with_an_etag()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.GetAsync(Settings);

        response.EnsureStatus(HttpStatusCode.OK);
        response.ETagOf().Should().NotBeNullOrEmpty();
        var settings = await response.JsonAsync();
        settings.GetProperty("emailReminders").GetBoolean().Should().BeTrue();
        settings.GetProperty("emailWeeklySummary").GetBoolean().Should().BeTrue();
        settings.GetProperty("pushReminders").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Put_sets_every_switch_and_a_later_get_agrees()
    {
        var user = await app.RegisterAsync();

        var put = await user.Client.PutJsonAsync(
            Settings,
            new
            {
                emailReminders = false,
                emailWeeklySummary = true,
                pushReminders = false,
            }
        );

        put.EnsureStatus(HttpStatusCode.OK);
        var get = await user.Client.GetAsync(Settings);
        (await get.Content.ReadAsStringAsync()).Should().Be(await put.Content.ReadAsStringAsync());
        get.ETagOf().Should().Be(put.ETagOf());
        (await get.JsonAsync()).GetProperty("pushReminders").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"emailWeeklySummary": true, "pushReminders": true}""", "emailReminders")]
    [InlineData("""{"emailReminders": true, "pushReminders": true}""", "emailWeeklySummary")]
    [InlineData("""{"emailReminders": true, "emailWeeklySummary": true, "pushReminders": null}""", "pushReminders")]
    [InlineData("""{"emailReminders": null, "emailWeeklySummary": true, "pushReminders": true}""", "emailReminders")]
    public async Task Put_without_every_switch_is_400_naming_the_missing_one_and_changes_nothing(
        string body,
        string field
    )
    {
        var user = await app.RegisterAsync();
        (await user.Client.PatchJsonAsync(Settings, new { emailWeeklySummary = false })).EnsureStatus(
            HttpStatusCode.OK
        );
        var before = await (await user.Client.GetAsync(Settings)).Content.ReadAsStringAsync();

        await (await user.Client.PutJsonAsync(Settings, body)).ShouldHaveFieldErrorAsync(field);

        (await (await user.Client.GetAsync(Settings)).Content.ReadAsStringAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Patch_changes_only_the_named_switch()
    {
        var user = await app.RegisterAsync();

        var patched = await user.Client.PatchJsonAsync(Settings, new { emailWeeklySummary = false });

        patched.EnsureStatus(HttpStatusCode.OK);
        var settings = await (await user.Client.GetAsync(Settings)).JsonAsync();
        settings.GetProperty("emailWeeklySummary").GetBoolean().Should().BeFalse();
        settings.GetProperty("emailReminders").GetBoolean().Should().BeTrue();
        settings.GetProperty("pushReminders").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("PUT", """{"emailReminders": "yes", "emailWeeklySummary": true, "pushReminders": true}""")]
    [InlineData("PUT", """{"emailReminders": 1, "emailWeeklySummary": true, "pushReminders": true}""")]
    [InlineData("PATCH", """{"emailReminders": "false"}""")]
    [InlineData("PATCH", """{"pushReminders": 0}""")]
    [InlineData("PATCH", """{"emailWeeklySummary": null}""")]
    [InlineData("PATCH", """[true]""")]
    [InlineData("PUT", """{"emailReminders": tru""")]
    public async Task Wrong_types_are_400_and_change_nothing(string method, string body)
    {
        var user = await app.RegisterAsync();
        var before = await (await user.Client.GetAsync(Settings)).Content.ReadAsStringAsync();

        var response = await user.Client.SendJsonAsync(new HttpMethod(method), Settings, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await (await user.Client.GetAsync(Settings)).Content.ReadAsStringAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task A_non_matching_If_Match_is_412_and_changes_nothing(string method)
    {
        var user = await app.RegisterAsync();
        var current = (await user.Client.GetAsync(Settings)).ETagOf();
        var stale = current == "\"2\"" ? "\"3\"" : "\"2\"";

        var response = await user.Client.SendJsonAsync(
            new HttpMethod(method),
            Settings,
            new
            {
                emailReminders = false,
                emailWeeklySummary = false,
                pushReminders = false,
            },
            ifMatch: stale
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await user.Client.GetAsync(Settings)).ETagOf().Should().Be(current);
    }

    [Fact]
    public async Task A_matching_If_Match_succeeds()
    {
        var user = await app.RegisterAsync();
        var current = (await user.Client.GetAsync(Settings)).ETagOf();

        (
            await user.Client.SendJsonAsync(HttpMethod.Patch, Settings, new { pushReminders = false }, ifMatch: current)
        ).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_etag_follows_the_content_and_If_None_Match_is_304()
    {
        var user = await app.RegisterAsync();
        var original = (await user.Client.GetAsync(Settings)).ETagOf();
        (await user.Client.SendJsonAsync(HttpMethod.Get, Settings, ifNoneMatch: original))
            .StatusCode.Should()
            .Be(HttpStatusCode.NotModified);

        var off = await user.Client.PatchJsonAsync(Settings, new { emailReminders = false });
        off.ETagOf().Should().NotBe(original);
        (await user.Client.SendJsonAsync(HttpMethod.Get, Settings, ifNoneMatch: original))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK);

        var on = await user.Client.PatchJsonAsync(Settings, new { emailReminders = true });
        on.ETagOf().Should().Be(original, "the same switches are the same representation");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_feed_and_settings_routes()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureStatus(HttpStatusCode.OK);
        var paths = (await response.JsonAsync()).GetProperty("paths");

        foreach (
            var (path, method, problem) in new[]
            {
                ("/api/v1/notifications", "get", "400"),
                ("/api/v1/notifications/unread-count", "get", "401"),
                ("/api/v1/notifications/{id}/read", "post", "404"),
                ("/api/v1/notifications/read-all", "post", "401"),
                ("/api/v1/users/me/notification-settings", "put", "412"),
            }
        )
        {
            paths.TryGetProperty(path, out var item).Should().BeTrue($"{path} is documented");
            var operation = item.GetProperty(method);
            operation.GetProperty("summary").GetString().Should().NotBeNullOrEmpty();
            operation.GetProperty("responses").TryGetProperty(problem, out _).Should().BeTrue();
        }

        paths
            .GetProperty("/api/v1/notifications")
            .GetProperty("get")
            .GetProperty("parameters")
            .EnumerateArray()
            .Select(p => p.GetProperty("name").GetString())
            .Should()
            .Contain(["unread", "limit", "cursor"]);
    }

    [Fact]
    public async Task Every_settings_route_is_401_without_a_token()
    {
        var anonymous = app.CreateClient();

        await (await anonymous.GetAsync(Settings)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (
            await anonymous.PutJsonAsync(
                Settings,
                new
                {
                    emailReminders = true,
                    emailWeeklySummary = true,
                    pushReminders = true,
                }
            )
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PatchJsonAsync(Settings, new { emailReminders = true })).ShouldBeProblemAsync(
            HttpStatusCode.Unauthorized
        );
    }
}

public sealed class SqliteNotificationSettingsTests(SqliteApp app)
    : NotificationSettingsTests(app),
        IClassFixture<SqliteApp>;

public sealed class PostgresNotificationSettingsTests(PostgresApp app)
    : NotificationSettingsTests(app),
        IClassFixture<PostgresApp>;
