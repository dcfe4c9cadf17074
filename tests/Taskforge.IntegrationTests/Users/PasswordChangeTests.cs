using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class PasswordChangeTests(TaskforgeApp app)
{
    private const string Password = "/api/v1/users/me/password";
    private const string NewPassword = "a-brand-new-password-2";

    [Fact]
    public async Task Changing_the_password_is_204_and_only_the_new_password_logs_in()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostJsonAsync(
            Password,
            new { currentPassword = user.Password, newPassword = NewPassword }
        );

        response.EnsureStatus(HttpStatusCode.NoContent);
        var anonymous = app.CreateClient();
        (
            await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = NewPassword })
        ).EnsureStatus(HttpStatusCode.OK);
        await (
            await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_revokes_every_refresh_token_of_the_user()
    {
        var user = await app.RegisterAsync();
        var otherSession = await app.LogInAsync(user.Id, user.Email, user.Password);

        (
            await user.Client.PostJsonAsync(
                Password,
                new { currentPassword = user.Password, newPassword = NewPassword }
            )
        ).EnsureStatus(HttpStatusCode.NoContent);

        var anonymous = app.CreateClient();
        await (
            await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (
            await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherSession.RefreshToken })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_stops_existing_access_tokens_at_once_but_new_ones_work()
    {
        var user = await app.RegisterAsync();
        var otherSession = await app.LogInAsync(user.Id, user.Email, user.Password);

        (
            await user.Client.PostJsonAsync(
                Password,
                new { currentPassword = user.Password, newPassword = NewPassword }
            )
        ).EnsureStatus(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync("/api/v1/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await otherSession.Client.GetAsync("/api/v1/users/me")).ShouldBeProblemAsync(
            HttpStatusCode.Unauthorized
        );
        var fresh = await app.LogInAsync(user.Id, user.Email, NewPassword);
        (await fresh.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_current_password_is_400_and_changes_nothing()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostJsonAsync(
            Password,
            new { currentPassword = "not-my-password", newPassword = NewPassword }
        );

        await response.ShouldHaveFieldErrorAsync("currentPassword");
        (await user.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        await app.LogInAsync(user.Id, user.Email, user.Password);
    }

    [Theory]
    [InlineData("short")]
    [InlineData(null)]
    public async Task A_new_password_outside_8_to_128_characters_is_400(string? newPassword)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PostJsonAsync(Password, new { currentPassword = user.Password, newPassword });

        await response.ShouldHaveFieldErrorAsync("newPassword");
        await app.LogInAsync(user.Id, user.Email, user.Password);
    }

    [Fact]
    public async Task Changing_the_password_anonymously_is_401()
    {
        var response = await app.CreateClient()
            .PostJsonAsync(Password, new { currentPassword = "whatever-1", newPassword = NewPassword });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqlitePasswordChangeTests(SqliteApp app) : PasswordChangeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPasswordChangeTests(PostgresApp app) : PasswordChangeTests(app), IClassFixture<PostgresApp>;
