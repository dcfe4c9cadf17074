using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// Every answer carries X-Content-Type-Options: nosniff (and the other browser-facing security
/// headers), whoever writes it: an endpoint, the authentication handler, the exception handler,
/// the status-code pages, health checks or the docs' static files. Token answers are not stored.
/// </summary>
public abstract class SecurityHeaderTests(TaskforgeApp app)
{
    public static TheoryData<string, string, string?, HttpStatusCode> Answers =>
        new()
        {
            { "GET", "/health/live", null, HttpStatusCode.OK },
            { "GET", "/health/ready", null, HttpStatusCode.OK },
            { "GET", "/openapi/v1.json", null, HttpStatusCode.OK },
            { "GET", "/docs", null, HttpStatusCode.OK },
            { "GET", "/docs/index.js", null, HttpStatusCode.OK },
            { "GET", "/api/v1/users/me", null, HttpStatusCode.Unauthorized },
            { "GET", "/api/v1/no-such-route", null, HttpStatusCode.NotFound },
            { "DELETE", "/health/live", null, HttpStatusCode.MethodNotAllowed },
            { "POST", "/api/v1/auth/register", "{ not json", HttpStatusCode.BadRequest },
            { "POST", "/api/v1/auth/register", "{}", HttpStatusCode.BadRequest },
            {
                "POST",
                "/api/v1/auth/login",
                """{"email":"nobody@example.test","password":"wrong-password"}""",
                HttpStatusCode.Unauthorized
            },
        };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_kind_of_answer_carries_nosniff_and_the_other_security_headers(
        string method,
        string url,
        string? body,
        HttpStatusCode status
    )
    {
        var response = await app.CreateClient().SendJsonAsync(new HttpMethod(method), url, body);

        response.EnsureStatus(status);
        ShouldCarrySecurityHeaders(response);
    }

    [Fact]
    public async Task An_authenticated_answer_and_a_403_carry_them_too()
    {
        var user = await app.RegisterAsync();

        var me = await user.Client.GetAsync("/api/v1/users/me");
        var forbidden = await user.Client.GetAsync("/api/v1/users");

        me.EnsureStatus(HttpStatusCode.OK);
        ShouldCarrySecurityHeaders(me);
        forbidden.EnsureStatus(HttpStatusCode.Forbidden);
        ShouldCarrySecurityHeaders(forbidden);
    }

    [Fact]
    public async Task Api_answers_forbid_every_content_source_but_the_docs_page_runs_its_scripts()
    {
        var api = await app.CreateClient().GetAsync("/health/live");
        var docs = await app.CreateClient().GetAsync("/docs");

        api.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
        docs.Headers.Contains("Content-Security-Policy").Should().BeFalse();
    }

    [Theory]
    [InlineData("/docs/index.js", "javascript")]
    [InlineData("/docs/swagger-ui-bundle.js", "javascript")]
    [InlineData("/docs/swagger-ui.css", "text/css")]
    public async Task Docs_assets_declare_the_type_browsers_need_under_nosniff(string url, string type)
    {
        var response = await app.CreateClient().GetAsync(url);

        response.EnsureStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Contain(type);
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task Login_and_refresh_answers_are_not_stored_whether_they_succeed_or_fail()
    {
        var user = await app.RegisterAsync();
        var anonymous = app.CreateClient();

        var login = await anonymous.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = user.Password }
        );
        var refresh = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        var wrongPassword = await anonymous.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = "not-the-password" }
        );
        var spent = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });

        login.EnsureStatus(HttpStatusCode.OK);
        refresh.EnsureStatus(HttpStatusCode.OK);
        wrongPassword.EnsureStatus(HttpStatusCode.Unauthorized);
        spent.EnsureStatus(HttpStatusCode.Unauthorized);
        foreach (var response in new[] { login, refresh, wrongPassword, spent })
        {
            response.Headers.CacheControl!.NoStore.Should().BeTrue(response.RequestMessage!.RequestUri!.ToString());
            response.Headers.Pragma.Should().ContainSingle(p => p.Name == "no-cache");
            ShouldCarrySecurityHeaders(response);
        }
    }

    private static void ShouldCarrySecurityHeaders(HttpResponseMessage response)
    {
        var what =
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} ({(int)response.StatusCode})";
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], what);
        response.Headers.GetValues("X-Frame-Options").Should().Equal(["DENY"], what);
        response.Headers.GetValues("Referrer-Policy").Should().Equal(["no-referrer"], what);
    }
}

public sealed class SqliteSecurityHeaderTests(SqliteApp app) : SecurityHeaderTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSecurityHeaderTests(PostgresApp app) : SecurityHeaderTests(app), IClassFixture<PostgresApp>;
