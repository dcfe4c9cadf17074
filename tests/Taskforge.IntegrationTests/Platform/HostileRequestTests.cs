using System.Net;
using System.Text;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

public abstract class HostileRequestTests(TaskforgeApp app)
{
    private const string Register = "/api/v1/auth/register";

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("{email: 'x'}")]
    [InlineData("not json at all")]
    [InlineData("{\"email\":\"a@b.c\"}}")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, Register, body);

        await response.ShouldHaveFieldErrorAsync("body");
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, Register, "");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"email":42,"password":"long-enough-1","firstName":"A","lastName":"B"}""", "email")]
    [InlineData("""{"email":"a@b.test","password":["x"],"firstName":"A","lastName":"B"}""", "password")]
    [InlineData("""{"email":"a@b.test","password":"long-enough-1","firstName":{"a":1},"lastName":"B"}""", "firstName")]
    [InlineData("""{"email":"a@b.test","password":"long-enough-1","firstName":"A","lastName":true}""", "lastName")]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field(string body, string field)
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, Register, body);

        await response.ShouldHaveFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_wrongly_typed_field_in_an_authenticated_request_is_named_too()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(
            HttpMethod.Post,
            "/api/v1/users/me/password",
            """{"currentPassword":1,"newPassword":"long-enough-2"}"""
        );

        await response.ShouldHaveFieldErrorAsync("currentPassword");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_a_400_problem(string body)
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, Register, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(
        """{"email":"nul\u0000@example.test","password":"long-enough-1","firstName":"A","lastName":"B"}""",
        "email"
    )]
    [InlineData(
        """{"email":"ok@example.test","password":"long-enough-1","firstName":"A\u0000B","lastName":"B"}""",
        "firstName"
    )]
    public async Task A_nul_character_in_a_stored_field_is_a_validation_problem(string body, string field)
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, Register, body);

        await response.ShouldHaveFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_nul_character_in_a_login_email_is_a_validation_problem()
    {
        var response = await app.CreateClient()
            .SendRawAsync(
                HttpMethod.Post,
                "/api/v1/auth/login",
                """{"email":"nul\u0000@example.test","password":"long-enough-1"}"""
            );

        await response.ShouldHaveFieldErrorAsync("email");
    }

    [Fact]
    public async Task A_nul_character_in_a_search_is_a_validation_problem()
    {
        var admin = await app.AdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/users?q=a%00b");

        await response.ShouldHaveFieldErrorAsync("q");
    }

    [Fact]
    public async Task A_12_MiB_body_is_413()
    {
        var padding = new string('a', 12 * 1024 * 1024);
        var response = await app.CreateClient()
            .SendRawAsync(HttpMethod.Post, Register, $$"""{"email":"{{padding}}"}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_just_under_1_MiB_is_read()
    {
        var padding = new string('a', 1024 * 1000);
        var response = await app.CreateClient()
            .SendRawAsync(
                HttpMethod.Post,
                Register,
                $$"""{"email":"x@y.test","password":"long-enough-1","firstName":"A","lastName":"{{padding}}"}"""
            );

        await response.ShouldHaveFieldErrorAsync("lastName");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        var response = await app.CreateClient()
            .SendRawAsync(HttpMethod.Post, Register, """{"email":"a@b.test"}""", contentType);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v3/users/me")]
    [InlineData("/nothing")]
    public async Task An_unknown_route_is_a_404_problem(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", Register, "POST")]
    [InlineData("DELETE", "/api/v1/auth/login", "POST")]
    [InlineData("PUT", "/api/v1/users/me", "GET, PATCH, DELETE")]
    [InlineData("POST", "/api/v1/users/0190f0a0-0000-7000-8000-000000000000", "GET, PUT, PATCH, DELETE")]
    public async Task A_wrong_method_is_a_405_problem_with_Allow(string method, string url, string allowed)
    {
        var response = await app.CreateClient()
            .SendAsync(
                new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
                }
            );

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().BeEquivalentTo(allowed.Split(", "));
    }

    [Fact]
    public async Task Problems_carry_a_trace_id_and_the_request_path_as_instance()
    {
        var response = await app.CreateClient()
            .PostJsonAsync("/api/v1/auth/login", new { email = "nobody@example.test", password = "whatever-1" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("instance").GetString().Should().Be("/api/v1/auth/login");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
    }
}

public sealed class SqliteHostileRequestTests(SqliteApp app) : HostileRequestTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileRequestTests(PostgresApp app) : HostileRequestTests(app), IClassFixture<PostgresApp>;
