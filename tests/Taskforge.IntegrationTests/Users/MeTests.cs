using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class MeTests(TaskforgeApp app)
{
    private const string Me = "/api/v1/users/me";

    [Fact]
    public async Task Get_me_answers_the_callers_account_and_never_a_secret()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.GetAsync(Me);

        response.EnsureStatus(HttpStatusCode.OK);
        response.Headers.ETag!.IsWeak.Should().BeFalse();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        var me = await response.JsonAsync();
        me.EnumerateObject()
            .Select(p => p.Name)
            .Should()
            .BeEquivalentTo("id", "email", "firstName", "lastName", "role", "createdAt", "updatedAt");
        me.GetProperty("id").GetGuid().Should().Be(user.Id);
        me.GetProperty("email").GetString().Should().Be(user.Email);
        me.GetProperty("role").GetString().Should().Be("user");
    }

    [Fact]
    public async Task Patch_me_changes_only_the_fields_named()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PatchJsonAsync(Me, new { firstName = "Grace" });

        response.EnsureStatus(HttpStatusCode.OK);
        var patched = await response.JsonAsync();
        patched.GetProperty("firstName").GetString().Should().Be("Grace");
        patched.GetProperty("lastName").GetString().Should().Be("User");
        patched.GetProperty("email").GetString().Should().Be(user.Email);
        var fetched = await (await user.Client.GetAsync(Me)).JsonAsync();
        fetched.GetProperty("firstName").GetString().Should().Be("Grace");
    }

    [Fact]
    public async Task Patch_me_accepts_the_merge_patch_media_type()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(
            HttpMethod.Patch,
            Me,
            """{"lastName":"Hopper"}""",
            "application/merge-patch+json"
        );

        response.EnsureStatus(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("lastName").GetString().Should().Be("Hopper");
    }

    [Fact]
    public async Task Patch_me_moves_the_etag_and_the_update_time()
    {
        var user = await app.RegisterAsync();
        var before = await user.Client.GetAsync(Me);

        var response = await user.Client.PatchJsonAsync(Me, new { firstName = "Changed" });

        response.EnsureStatus(HttpStatusCode.OK);
        response.ETagOf().Should().NotBe(before.ETagOf());
        var updatedAt = DateTimeOffset.Parse(
            (await response.JsonAsync()).GetProperty("updatedAt").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        var previous = DateTimeOffset.Parse(
            (await before.JsonAsync()).GetProperty("updatedAt").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        updatedAt.Should().BeOnOrAfter(previous);
    }

    [Fact]
    public async Task Patch_me_to_an_email_taken_in_another_case_is_409_and_changes_nothing()
    {
        var user = await app.RegisterAsync();
        var other = await app.RegisterAsync();

        var response = await user.Client.PatchJsonAsync(
            Me,
            new { email = other.Email.ToUpperInvariant(), firstName = "Changed" }
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var me = await (await user.Client.GetAsync(Me)).JsonAsync();
        me.GetProperty("email").GetString().Should().Be(user.Email);
        me.GetProperty("firstName").GetString().Should().Be("Test");
    }

    [Fact]
    public async Task Patch_me_to_a_new_email_lets_the_user_log_in_with_it()
    {
        var user = await app.RegisterAsync();
        var email = TestUsers.NewEmail("moved");

        (await user.Client.PatchJsonAsync(Me, new { email })).EnsureStatus(HttpStatusCode.OK);

        (
            await app.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email, password = user.Password })
        ).EnsureStatus(HttpStatusCode.OK);
        (
            await app.CreateClient()
                .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
        ).EnsureStatus(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("user")]
    public async Task Patch_me_refuses_to_change_the_role(string role)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PatchJsonAsync(Me, new { role });

        await response.ShouldHaveFieldErrorAsync("role");
        (await (await user.Client.GetAsync(Me)).JsonAsync()).GetProperty("role").GetString().Should().Be("user");
    }

    [Fact]
    public async Task Patch_me_with_null_for_a_required_field_is_a_validation_problem()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Patch, Me, """{"firstName":null}""");

        await response.ShouldHaveFieldErrorAsync("firstName");
    }

    [Fact]
    public async Task Patch_me_with_a_value_of_the_wrong_type_names_the_field()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Patch, Me, """{"lastName":42}""");

        await response.ShouldHaveFieldErrorAsync("lastName");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public async Task Patch_me_with_a_body_that_is_not_an_object_is_400(string body)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(HttpMethod.Patch, Me, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_me_with_a_body_that_is_not_json_is_415()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.SendRawAsync(
            HttpMethod.Patch,
            Me,
            "firstName=Eve",
            "application/x-www-form-urlencoded"
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Patch_me_with_an_invalid_email_is_a_validation_problem()
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.PatchJsonAsync(Me, new { email = "nobody" });

        await response.ShouldHaveFieldErrorAsync("email");
    }
}

public sealed class SqliteMeTests(SqliteApp app) : MeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresMeTests(PostgresApp app) : MeTests(app), IClassFixture<PostgresApp>;
