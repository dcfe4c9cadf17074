using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

public abstract class LoginTests(TaskforgeApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Login_answers_a_bearer_access_token_and_a_refresh_token()
    {
        var user = await app.RegisterAsync();

        var response = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = user.Password }
        );

        response.EnsureStatus(HttpStatusCode.OK);
        var tokens = await response.JsonAsync();
        tokens
            .EnumerateObject()
            .Select(p => p.Name)
            .Should()
            .BeEquivalentTo("accessToken", "tokenType", "expiresIn", "refreshToken");
        tokens.GetProperty("tokenType").GetString().Should().Be("Bearer");
        tokens.GetProperty("expiresIn").GetInt32().Should().Be(15 * 60);
        tokens.GetProperty("refreshToken").GetString().Should().NotBeNullOrWhiteSpace();
        var me = await app.ClientWith(tokens.GetProperty("accessToken").GetString()!).GetAsync("/api/v1/users/me");
        me.EnsureStatus(HttpStatusCode.OK);
        (await me.JsonAsync()).GetProperty("id").GetGuid().Should().Be(user.Id);
    }

    [Fact]
    public async Task Login_ignores_the_case_of_the_email()
    {
        var user = await app.RegisterAsync();

        var response = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email.ToUpperInvariant(), password = user.Password }
        );

        response.EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_answers_the_same_401_for_an_unknown_email_and_a_wrong_password()
    {
        var user = await app.RegisterAsync();

        var unknown = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = TestUsers.NewEmail(), password = user.Password }
        );
        var wrong = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = "wrong-password-1" }
        );

        var unknownProblem = await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var wrongProblem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Comparable(unknownProblem).Should().Be(Comparable(wrongProblem));
        unknown.Headers.WwwAuthenticate.ToString().Should().Be(wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Login_without_fields_is_a_validation_problem()
    {
        var response = await _client.PostJsonAsync("/api/v1/auth/login", new { email = "" });

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.TryGetProperty("email", out _).Should().BeTrue();
        errors.TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_with_429_and_Retry_After_even_for_the_right_password()
    {
        var user = await app.RegisterAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await _client.PostJsonAsync(
                "/api/v1/auth/login",
                new { email = user.Email, password = "wrong-password-" + attempt }
            );
            await failed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = user.Password }
        );

        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(
            locked.Headers.GetValues("Retry-After").Single(),
            System.Globalization.CultureInfo.InvariantCulture
        );
        retryAfter.Should().BeInRange(1, 30);
    }

    [Fact]
    public async Task Four_failed_logins_do_not_stop_the_right_password_and_it_resets_the_count()
    {
        var user = await app.RegisterAsync();
        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                (
                    await _client.PostJsonAsync(
                        "/api/v1/auth/login",
                        new { email = user.Email, password = "wrong-password" }
                    )
                ).EnsureStatus(HttpStatusCode.Unauthorized);
            }

            (
                await _client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
            ).EnsureStatus(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_locked_account_does_not_lock_other_accounts()
    {
        var victim = await app.RegisterAsync();
        var bystander = await app.RegisterAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await _client.PostJsonAsync(
                "/api/v1/auth/login",
                new { email = victim.Email, password = "wrong-password" }
            );
        }

        (
            await _client.PostJsonAsync(
                "/api/v1/auth/login",
                new { email = bystander.Email, password = bystander.Password }
            )
        ).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_guesses_check_no_more_passwords_than_sequential_ones_before_the_lock()
    {
        var user = await app.RegisterAsync();

        var attempts = Enumerable
            .Range(0, 12)
            .Select(i =>
                app.CreateClient()
                    .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "parallel-guess-" + i })
            );
        var answers = await Task.WhenAll(attempts);

        answers
            .Count(a => a.StatusCode == HttpStatusCode.Unauthorized)
            .Should()
            .BeLessThanOrEqualTo(5, "only five passwords may be tried before the lockout");
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Unauthorized))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.Should().NotBeNull();
        }

        var locked = await _client.PostJsonAsync(
            "/api/v1/auth/login",
            new { email = user.Email, password = user.Password }
        );
        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Up_to_five_concurrent_correct_logins_all_succeed_and_leave_no_lock()
    {
        var user = await app.RegisterAsync();

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 5)
                .Select(_ =>
                    app.CreateClient()
                        .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
                )
        );

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK);
        (
            await _client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
        ).EnsureStatus(HttpStatusCode.OK);
    }

    private static string Comparable(JsonElement problem) =>
        $"{problem.GetProperty("type")}|{problem.GetProperty("title")}|{problem.GetProperty("status")}|{problem.GetProperty("detail")}|{problem.GetProperty("instance")}";
}

public sealed class SqliteLoginTests(SqliteApp app) : LoginTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLoginTests(PostgresApp app) : LoginTests(app), IClassFixture<PostgresApp>;
