using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class AccountDeletionTests(TaskforgeApp app)
{
    private const string Me = "/api/v1/users/me";

    [Fact]
    public async Task Deleting_my_account_is_204_and_it_can_no_longer_log_in()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.DeleteAsync(Me);

        response.EnsureStatus(HttpStatusCode.NoContent);
        await (
            await app.CreateClient()
                .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deleting_my_account_stops_its_access_and_refresh_tokens()
    {
        var user = await app.RegisterAsync();
        var otherSession = await app.LogInAsync(user.Id, user.Email, user.Password);

        (await user.Client.DeleteAsync(Me)).EnsureStatus(HttpStatusCode.NoContent);

        await (await otherSession.Client.GetAsync(Me)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var anonymous = app.CreateClient();
        await (
            await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (
            await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherSession.RefreshToken })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deleted_account_is_soft_deleted_with_its_projects_and_gone_from_every_read()
    {
        var user = await app.RegisterAsync();
        var admin = await app.AdminAsync();

        (await user.Client.DeleteAsync(Me)).EnsureStatus(HttpStatusCode.NoContent);

        (await app.CountAsync("SELECT count(*) FROM users WHERE id = @id AND deleted_at IS NOT NULL", user.Id))
            .Should()
            .Be(1);
        (await app.CountAsync("SELECT count(*) FROM projects WHERE owner_id = @id AND deleted_at IS NULL", user.Id))
            .Should()
            .Be(0);
        await (await admin.Client.GetAsync($"/api/v1/users/{user.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var list = await (
            await admin.Client.GetAsync($"/api/v1/users?q={Uri.EscapeDataString(user.Email)}")
        ).JsonAsync();
        list.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_email_of_a_deleted_account_can_register_again_as_a_new_account()
    {
        var user = await app.RegisterAsync();
        (await user.Client.DeleteAsync(Me)).EnsureStatus(HttpStatusCode.NoContent);

        var again = await app.RegisterAsync(user.Email, "another-password-1");

        again.Id.Should().NotBe(user.Id);
        (await again.Client.GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_my_account_with_a_stale_If_Match_is_412_and_it_stays()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendJsonAsync(HttpMethod.Delete, Me, ifMatch: "\"999\"");

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await user.Client.GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_my_account_with_the_current_If_Match_is_204()
    {
        var user = await app.RegisterAsync();
        var etag = (await user.Client.GetAsync(Me)).ETagOf();

        var response = await user.Client.SendJsonAsync(HttpMethod.Delete, Me, ifMatch: etag);

        response.EnsureStatus(HttpStatusCode.NoContent);
    }
}

public sealed class SqliteAccountDeletionTests(SqliteApp app) : AccountDeletionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccountDeletionTests(PostgresApp app)
    : AccountDeletionTests(app),
        IClassFixture<PostgresApp>;
