using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class AdminUserTests(TaskforgeApp app)
{
    [Fact]
    public async Task An_admin_gets_any_user_by_id()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        var response = await admin.Client.GetAsync($"/api/v1/users/{user.Id}");

        response.EnsureStatus(HttpStatusCode.OK);
        response.Headers.ETag!.IsWeak.Should().BeFalse();
        var body = await response.JsonAsync();
        body.GetProperty("id").GetGuid().Should().Be(user.Id);
        body.GetProperty("email").GetString().Should().Be(user.Email);
    }

    [Fact]
    public async Task An_unknown_id_is_404_for_every_verb()
    {
        var admin = await app.AdminAsync();
        var url = $"/api/v1/users/{Guid.CreateVersion7()}";

        await (await admin.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (
            await admin.Client.PutJsonAsync(
                url,
                new
                {
                    email = TestUsers.NewEmail(),
                    firstName = "A",
                    lastName = "B",
                    role = "user",
                }
            )
        ).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PatchJsonAsync(url, new { firstName = "A" })).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await admin.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_id_that_is_not_a_uuid_is_404()
    {
        var admin = await app.AdminAsync();

        await (await admin.Client.GetAsync("/api/v1/users/not-a-uuid")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_replaces_every_writable_field_including_the_role()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var email = TestUsers.NewEmail("replaced");

        var response = await admin.Client.PutJsonAsync(
            $"/api/v1/users/{user.Id}",
            new
            {
                email,
                firstName = "Ada",
                lastName = "Byron",
                role = "admin",
            }
        );

        response.EnsureStatus(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        var body = await response.JsonAsync();
        body.GetProperty("email").GetString().Should().Be(email);
        body.GetProperty("firstName").GetString().Should().Be("Ada");
        body.GetProperty("lastName").GetString().Should().Be("Byron");
        body.GetProperty("role").GetString().Should().Be("admin");
        (await user.Client.GetAsync("/api/v1/users")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Put_with_missing_fields_or_an_unknown_role_is_a_validation_problem()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        var response = await admin.Client.PutJsonAsync(
            $"/api/v1/users/{user.Id}",
            new { email = user.Email, role = "owner" }
        );

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(["firstName", "lastName", "role"]);
    }

    [Fact]
    public async Task Put_with_a_taken_email_is_409()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var other = await app.RegisterAsync();

        var response = await admin.Client.PutJsonAsync(
            $"/api/v1/users/{user.Id}",
            new
            {
                email = other.Email,
                firstName = "A",
                lastName = "B",
                role = "user",
            }
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_changes_only_the_named_fields()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        var response = await admin.Client.PatchJsonAsync($"/api/v1/users/{user.Id}", new { lastName = "Patched" });

        response.EnsureStatus(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("lastName").GetString().Should().Be("Patched");
        body.GetProperty("firstName").GetString().Should().Be("Test");
        body.GetProperty("email").GetString().Should().Be(user.Email);
        body.GetProperty("role").GetString().Should().Be("user");
    }

    [Fact]
    public async Task Patch_with_an_unknown_role_is_a_validation_problem()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        var response = await admin.Client.PatchJsonAsync($"/api/v1/users/{user.Id}", new { role = "root" });

        await response.ShouldHaveFieldErrorAsync("role");
    }

    [Fact]
    public async Task Promotion_and_demotion_take_effect_on_the_next_request_of_existing_tokens()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        await (await user.Client.GetAsync("/api/v1/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await admin.Client.PatchJsonAsync($"/api/v1/users/{user.Id}", new { role = "admin" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await user.Client.GetAsync("/api/v1/users")).EnsureStatus(HttpStatusCode.OK);

        (await admin.Client.PatchJsonAsync($"/api/v1/users/{user.Id}", new { role = "user" })).EnsureStatus(
            HttpStatusCode.OK
        );
        await (await user.Client.GetAsync("/api/v1/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Delete_is_204_and_the_user_is_gone_and_locked_out()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        (await admin.Client.DeleteAsync($"/api/v1/users/{user.Id}")).EnsureStatus(HttpStatusCode.NoContent);

        await (await admin.Client.GetAsync($"/api/v1/users/{user.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.DeleteAsync($"/api/v1/users/{user.Id}")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await user.Client.GetAsync("/api/v1/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (
            await app.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_normal_user_gets_403_on_every_admin_route_even_for_their_own_id()
    {
        var user = await app.RegisterAsync();
        var other = await app.RegisterAsync();

        foreach (var id in new[] { user.Id, other.Id })
        {
            var url = $"/api/v1/users/{id}";
            await (await user.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (
                await user.Client.PutJsonAsync(
                    url,
                    new
                    {
                        email = TestUsers.NewEmail(),
                        firstName = "A",
                        lastName = "B",
                        role = "admin",
                    }
                )
            ).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.PatchJsonAsync(url, new { role = "admin" })).ShouldBeProblemAsync(
                HttpStatusCode.Forbidden
            );
            await (await user.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await user.Client.GetAsync("/api/v1/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await user.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        (await other.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("GET", "/api/v1/users/me")]
    [InlineData("PATCH", "/api/v1/users/me")]
    [InlineData("DELETE", "/api/v1/users/me")]
    [InlineData("POST", "/api/v1/users/me/password")]
    [InlineData("GET", "/api/v1/users/0190f0a0-0000-7000-8000-000000000000")]
    [InlineData("PUT", "/api/v1/users/0190f0a0-0000-7000-8000-000000000000")]
    [InlineData("PATCH", "/api/v1/users/0190f0a0-0000-7000-8000-000000000000")]
    [InlineData("DELETE", "/api/v1/users/0190f0a0-0000-7000-8000-000000000000")]
    public async Task Anonymous_callers_get_401_with_a_bearer_challenge(string method, string url)
    {
        var response = await app.CreateClient()
            .SendJsonAsync(new HttpMethod(method), url, method is "GET" or "DELETE" ? null : new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }
}

public sealed class SqliteAdminUserTests(SqliteApp app) : AdminUserTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAdminUserTests(PostgresApp app) : AdminUserTests(app), IClassFixture<PostgresApp>;
