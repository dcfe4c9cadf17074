using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

public abstract class RefreshTokenTests(TaskforgeApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Refresh_answers_a_new_working_pair()
    {
        var user = await app.RegisterAsync();

        var response = await Refresh(user.RefreshToken);

        response.EnsureStatus(HttpStatusCode.OK);
        var pair = await response.JsonAsync();
        pair.GetProperty("tokenType").GetString().Should().Be("Bearer");
        pair.GetProperty("expiresIn").GetInt32().Should().BePositive();
        var refreshToken = pair.GetProperty("refreshToken").GetString();
        refreshToken.Should().NotBe(user.RefreshToken);
        var accessToken = pair.GetProperty("accessToken").GetString()!;
        (await app.ClientWith(accessToken).GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        (await Refresh(refreshToken!)).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_spent_refresh_token_is_401()
    {
        var user = await app.RegisterAsync();
        (await Refresh(user.RefreshToken)).EnsureStatus(HttpStatusCode.OK);

        var again = await Refresh(user.RefreshToken);

        await again.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Presenting_a_spent_token_revokes_every_token_descended_from_that_login()
    {
        var user = await app.RegisterAsync();
        var second = await NewRefreshToken(user.RefreshToken);
        var third = await NewRefreshToken(second);

        (await Refresh(user.RefreshToken)).EnsureStatus(HttpStatusCode.Unauthorized);

        await (await Refresh(third)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reuse_in_one_login_leaves_other_logins_of_the_same_user_alone()
    {
        var user = await app.RegisterAsync();
        var otherLogin = await app.LogInAsync(user.Id, user.Email, user.Password);
        await NewRefreshToken(user.RefreshToken);

        (await Refresh(user.RefreshToken)).EnsureStatus(HttpStatusCode.Unauthorized);

        (await Refresh(otherLogin.RefreshToken)).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_refresh_token_is_401()
    {
        var user = await app.RegisterAsync();
        var expired = await app.ExecuteAsync(
            "UPDATE refresh_tokens SET expires_at = '2001-01-01T00:00:00.000000Z' WHERE user_id = @id",
            user.Id
        );
        expired.Should().Be(1);

        await (await Refresh(user.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_issue_at_most_one_pair()
    {
        var user = await app.RegisterAsync();

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(_ =>
                    app.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })
                )
        );

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Theory]
    [InlineData("not-a-token-we-issued")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_refresh_token_is_401(string token)
    {
        await (await Refresh(token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_without_a_token_is_a_validation_problem()
    {
        var response = await _client.PostJsonAsync("/api/v1/auth/refresh", new { });

        await response.ShouldHaveFieldErrorAsync("refreshToken");
    }

    [Fact]
    public async Task Logout_is_204_and_the_refresh_token_then_no_longer_works()
    {
        var user = await app.RegisterAsync();

        var logout = await _client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken });

        logout.EnsureStatus(HttpStatusCode.NoContent);
        await (await Refresh(user.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_ends_the_whole_session_including_later_rotations()
    {
        var user = await app.RegisterAsync();
        var rotated = await NewRefreshToken(user.RefreshToken);

        (await _client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = rotated })).EnsureStatus(
            HttpStatusCode.NoContent
        );

        await (await Refresh(rotated)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_with_an_unknown_token_is_still_204_and_without_a_token_400()
    {
        (await _client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = "unknown" })).EnsureStatus(
            HttpStatusCode.NoContent
        );

        await (await _client.PostJsonAsync("/api/v1/auth/logout", new { })).ShouldHaveFieldErrorAsync("refreshToken");
    }

    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        _client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private async Task<string> NewRefreshToken(string refreshToken)
    {
        var response = await Refresh(refreshToken);
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("refreshToken").GetString()!;
    }
}

public sealed class SqliteRefreshTokenTests(SqliteApp app) : RefreshTokenTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRefreshTokenTests(PostgresApp app) : RefreshTokenTests(app), IClassFixture<PostgresApp>;
