using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.AppVersions;

/// <summary>The update check, the admin policy and the 426 for builds below the minimum.</summary>
public abstract class AppVersionTests(TaskforgeApp app)
{
    private static string NewPlatform() => $"p-{Guid.NewGuid():N}"[..24];

    private async Task<string> PolicyAsync(
        string latest = "2.0.0",
        string minimum = "1.5.0",
        string? storeUrl = "https://apps.example.test/taskforge"
    )
    {
        var platform = NewPlatform();
        var admin = await app.AdminAsync();
        (
            await admin.Client.PutJsonAsync(
                $"/api/v1/admin/app-versions/{platform}",
                new
                {
                    latest,
                    minimumSupported = minimum,
                    message = "Please update.",
                    storeUrl,
                }
            )
        ).EnsureStatus(HttpStatusCode.OK);
        return platform;
    }

    [Theory]
    [InlineData("2.0.0", "none")]
    [InlineData("2.1.0", "none")]
    [InlineData("2.0.0+build.7", "none")]
    [InlineData("2.0.0-rc.1", "soft")]
    [InlineData("1.5.0", "soft")]
    [InlineData("1.5.0-beta", "hard")]
    [InlineData("1.4.2", "hard")]
    public async Task The_check_answers_none_soft_or_hard(string current, string update)
    {
        var platform = await PolicyAsync();

        var response = await app.CreateClient()
            .GetAsync($"/api/v1/app-versions/{platform}?current={Uri.EscapeDataString(current)}");

        response.EnsureStatus(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("platform").GetString().Should().Be(platform);
        body.GetProperty("current").GetString().Should().Be(current);
        body.GetProperty("latest").GetString().Should().Be("2.0.0");
        body.GetProperty("minimumSupported").GetString().Should().Be("1.5.0");
        body.GetProperty("update").GetString().Should().Be(update);
        body.GetProperty("message").GetString().Should().Be("Please update.");
        body.GetProperty("storeUrl").GetString().Should().Be("https://apps.example.test/taskforge");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("latest")]
    [InlineData("")]
    public async Task A_malformed_current_is_400(string current)
    {
        var platform = await PolicyAsync();

        var response = await app.CreateClient().GetAsync($"/api/v1/app-versions/{platform}?current={current}");

        await response.ShouldHaveFieldErrorAsync("current");
    }

    [Fact]
    public async Task A_platform_without_a_policy_is_404()
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/app-versions/{NewPlatform()}?current=1.0.0");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_admin_sets_or_lists_policies()
    {
        var user = await app.RegisterAsync();
        var body = new
        {
            latest = "1.0.0",
            minimumSupported = "1.0.0",
            message = (string?)null,
            storeUrl = (string?)null,
        };

        (await user.Client.PutJsonAsync($"/api/v1/admin/app-versions/{NewPlatform()}", body)).EnsureStatus(
            HttpStatusCode.Forbidden
        );
        (await app.CreateClient().PutJsonAsync($"/api/v1/admin/app-versions/{NewPlatform()}", body)).EnsureStatus(
            HttpStatusCode.Unauthorized
        );
        (await user.Client.GetAsync("/api/v1/admin/app-versions")).EnsureStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_list_has_every_policy_and_a_put_replaces_one()
    {
        var platform = await PolicyAsync();
        var admin = await app.AdminAsync();
        (
            await admin.Client.PutJsonAsync(
                $"/api/v1/admin/app-versions/{platform}",
                new
                {
                    latest = "3.0.0",
                    minimumSupported = "3.0.0-rc.1",
                    message = (string?)null,
                    storeUrl = (string?)null,
                }
            )
        ).EnsureStatus(HttpStatusCode.OK);

        var list = await (await admin.Client.GetAsync("/api/v1/admin/app-versions")).JsonAsync();

        var policy = list.EnumerateArray().Single(p => p.GetProperty("platform").GetString() == platform);
        policy.GetProperty("latest").GetString().Should().Be("3.0.0");
        policy.GetProperty("minimumSupported").GetString().Should().Be("3.0.0-rc.1");
        policy.GetProperty("storeUrl").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Theory]
    [InlineData("Upper", "1.0.0", "1.0.0", null, "platform")]
    [InlineData("has_underscore", "1.0.0", "1.0.0", null, "platform")]
    [InlineData("p123456789012345678901234567890123", "1.0.0", "1.0.0", null, "platform")]
    [InlineData("ios", "1.0", "1.0.0", null, "latest")]
    [InlineData("ios", "1.0.0", "01.0.0", null, "minimumSupported")]
    [InlineData("ios", "1.0.0", "1.0.1", null, "minimumSupported")]
    [InlineData("ios", "1.0.0-rc.1", "1.0.0", null, "minimumSupported")]
    [InlineData("ios", "1.0.0", "1.0.0", "http://apps.example.test/x", "storeUrl")]
    [InlineData("ios", "1.0.0", "1.0.0", "/relative", "storeUrl")]
    public async Task Bad_policies_are_400_naming_the_field(
        string platform,
        string latest,
        string minimum,
        string? storeUrl,
        string field
    )
    {
        var admin = await app.AdminAsync();

        var response = await admin.Client.PutJsonAsync(
            $"/api/v1/admin/app-versions/{platform}",
            new
            {
                latest,
                minimumSupported = minimum,
                message = (string?)null,
                storeUrl,
            }
        );

        await response.ShouldHaveFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_build_below_the_minimum_is_426_naming_latest_and_the_store()
    {
        var platform = await PolicyAsync();
        var user = await app.RegisterAsync();

        var response = await Send(user.Client, "/api/v1/users/me", platform, "1.4.2");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UpgradeRequired);
        problem.GetProperty("latest").GetString().Should().Be("2.0.0");
        problem.GetProperty("storeUrl").GetString().Should().Be("https://apps.example.test/taskforge");
    }

    [Theory]
    [InlineData("1.5.0")]
    [InlineData("2.0.0-rc.1")]
    [InlineData("not-a-version")]
    public async Task Supported_or_unreadable_builds_pass(string version)
    {
        var platform = await PolicyAsync();
        var user = await app.RegisterAsync();

        (await Send(user.Client, "/api/v1/users/me", platform, version)).EnsureStatus(HttpStatusCode.OK);
        (await Send(user.Client, "/api/v1/users/me", NewPlatform(), "0.0.1")).EnsureStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/index.html")]
    [InlineData("/api/v1/app-versions/{platform}?current=1.0.0")]
    public async Task Health_docs_openapi_and_the_check_are_exempt(string path)
    {
        var platform = await PolicyAsync();

        var response = await Send(
            app.CreateClient(),
            path.Replace("{platform}", platform, StringComparison.Ordinal),
            platform,
            "1.0.0"
        );

        response.EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Raising_the_minimum_applies_at_once_on_this_instance()
    {
        var platform = await PolicyAsync(minimum: "1.0.0");
        var user = await app.RegisterAsync();
        (await Send(user.Client, "/api/v1/users/me", platform, "1.2.0")).EnsureStatus(HttpStatusCode.OK);

        var admin = await app.AdminAsync();
        (
            await admin.Client.PutJsonAsync(
                $"/api/v1/admin/app-versions/{platform}",
                new
                {
                    latest = "2.0.0",
                    minimumSupported = "1.3.0",
                    message = (string?)null,
                    storeUrl = (string?)null,
                }
            )
        ).EnsureStatus(HttpStatusCode.OK);

        (await Send(user.Client, "/api/v1/users/me", platform, "1.2.0")).EnsureStatus(HttpStatusCode.UpgradeRequired);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string platform, string version)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Client-Platform", platform);
        request.Headers.TryAddWithoutValidation("X-Client-Version", version);
        return client.SendAsync(request);
    }
}

public sealed class SqliteAppVersionTests(SqliteApp app) : AppVersionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAppVersionTests(PostgresApp app) : AppVersionTests(app), IClassFixture<PostgresApp>;
