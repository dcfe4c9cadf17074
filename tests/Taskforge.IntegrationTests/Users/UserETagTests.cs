using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class UserETagTests(TaskforgeApp app)
{
    private const string Stale = "\"999\"";

    [Fact]
    public async Task If_None_Match_with_the_current_etag_is_304_with_the_etag_and_no_body()
    {
        var user = await app.RegisterAsync();
        var etag = (await user.Client.GetAsync("/api/v1/users/me")).ETagOf();

        var response = await user.Client.SendJsonAsync(HttpMethod.Get, "/api/v1/users/me", ifNoneMatch: etag);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.ETagOf().Should().Be(etag);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task If_None_Match_with_an_old_etag_is_200_after_a_change()
    {
        var user = await app.RegisterAsync();
        var etag = (await user.Client.GetAsync("/api/v1/users/me")).ETagOf();
        (await user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "New" })).EnsureStatus(
            HttpStatusCode.OK
        );

        var response = await user.Client.SendJsonAsync(HttpMethod.Get, "/api/v1/users/me", ifNoneMatch: etag);

        response.EnsureStatus(HttpStatusCode.OK);
        response.ETagOf().Should().NotBe(etag);
    }

    [Fact]
    public async Task An_admin_get_by_id_honours_If_None_Match()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"/api/v1/users/{user.Id}";
        var etag = (await admin.Client.GetAsync(url)).ETagOf();

        var response = await admin.Client.SendJsonAsync(HttpMethod.Get, url, ifNoneMatch: etag);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Writes_answer_the_etag_that_a_later_get_serves()
    {
        var user = await app.RegisterAsync();

        var patched = await user.Client.PatchJsonAsync("/api/v1/users/me", new { lastName = "Etag" });

        patched.EnsureStatus(HttpStatusCode.OK);
        (await user.Client.GetAsync("/api/v1/users/me")).ETagOf().Should().Be(patched.ETagOf());
    }

    [Fact]
    public async Task A_patch_with_the_current_If_Match_succeeds()
    {
        var user = await app.RegisterAsync();
        var etag = (await user.Client.GetAsync("/api/v1/users/me")).ETagOf();

        (await user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "Matched" }, etag)).EnsureStatus(
            HttpStatusCode.OK
        );
    }

    [Theory]
    [InlineData(Stale)]
    [InlineData("W/\"1\"")]
    [InlineData("\"not-a-version\"")]
    public async Task A_patch_of_me_with_a_non_matching_If_Match_is_412_and_changes_nothing(string ifMatch)
    {
        var user = await app.RegisterAsync();
        var before = await user.Client.GetAsync("/api/v1/users/me");

        var response = await user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "Lost" }, ifMatch);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await ShouldBeUnchanged(user.Client, "/api/v1/users/me", before);
    }

    [Fact]
    public async Task An_admin_put_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"/api/v1/users/{user.Id}";
        var before = await admin.Client.GetAsync(url);

        var response = await admin.Client.PutJsonAsync(
            url,
            new
            {
                email = TestUsers.NewEmail(),
                firstName = "Lost",
                lastName = "Lost",
                role = "admin",
            },
            Stale
        );

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await ShouldBeUnchanged(admin.Client, url, before);
    }

    [Fact]
    public async Task An_admin_patch_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"/api/v1/users/{user.Id}";
        var before = await admin.Client.GetAsync(url);

        var response = await admin.Client.PatchJsonAsync(url, new { role = "admin" }, Stale);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await ShouldBeUnchanged(admin.Client, url, before);
    }

    [Fact]
    public async Task An_admin_delete_with_a_stale_If_Match_is_412_and_the_user_stays()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"/api/v1/users/{user.Id}";
        var before = await admin.Client.GetAsync(url);

        var response = await admin.Client.SendJsonAsync(HttpMethod.Delete, url, ifMatch: Stale);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await ShouldBeUnchanged(admin.Client, url, before);
        (await user.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_write_with_the_current_If_Match_or_a_star_succeeds()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"/api/v1/users/{user.Id}";
        var etag = (await admin.Client.GetAsync(url)).ETagOf();

        (await admin.Client.PatchJsonAsync(url, new { firstName = "One" }, etag)).EnsureStatus(HttpStatusCode.OK);
        (await admin.Client.PatchJsonAsync(url, new { firstName = "Two" }, "*")).EnsureStatus(HttpStatusCode.OK);
        await (await admin.Client.PatchJsonAsync(url, new { firstName = "Three" }, etag)).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
    }

    [Fact]
    public async Task Concurrent_patches_without_If_Match_all_succeed_and_none_is_lost()
    {
        var user = await app.RegisterAsync();
        var admin = await app.AdminAsync();
        var url = $"/api/v1/users/{user.Id}";

        var answers = await Task.WhenAll(
            user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "Concurrent" }),
            admin.Client.PatchJsonAsync(url, new { lastName = "Writers" }),
            user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "Concurrent" }),
            admin.Client.PatchJsonAsync(url, new { lastName = "Writers" }),
            user.Client.PatchJsonAsync("/api/v1/users/me", new { firstName = "Concurrent" }),
            admin.Client.PatchJsonAsync(url, new { lastName = "Writers" })
        );

        foreach (var answer in answers)
        {
            answer.EnsureStatus(HttpStatusCode.OK);
        }

        var stored = await (await user.Client.GetAsync("/api/v1/users/me")).JsonAsync();
        stored.GetProperty("firstName").GetString().Should().Be("Concurrent");
        stored.GetProperty("lastName").GetString().Should().Be("Writers");
    }

    private static async Task ShouldBeUnchanged(HttpClient client, string url, HttpResponseMessage before)
    {
        var after = await client.GetAsync(url);
        after.EnsureStatus(HttpStatusCode.OK);
        after.ETagOf().Should().Be(before.ETagOf());
        (await after.Content.ReadAsStringAsync()).Should().Be(await before.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteUserETagTests(SqliteApp app) : UserETagTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresUserETagTests(PostgresApp app) : UserETagTests(app), IClassFixture<PostgresApp>;
