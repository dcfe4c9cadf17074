using System.Net;
using Taskforge.IntegrationTests.Caching;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

/// <summary>
/// The last administrator cannot lose the role or be deleted, by itself or anyone (409), even
/// when administrators demote each other at the same moment. Each test has a database of its
/// own, so the bootstrap administrator starts out as the only one.
/// </summary>
public abstract class LastAdminTests(Func<TaskforgeApp> newApp)
{
    private const int Rounds = 5;

    [Fact]
    public async Task The_last_admin_cannot_demote_itself_with_patch_or_put()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var admin = await app.AdminAsync();
        var url = $"/api/v1/users/{admin.Id}";
        var before = (await admin.Client.GetAsync(url)).ETagOf();

        await (await admin.Client.PatchJsonAsync(url, new { role = "user" })).ShouldBeProblemAsync(
            HttpStatusCode.Conflict
        );
        await (
            await admin.Client.PutJsonAsync(
                url,
                new
                {
                    email = TaskforgeApp.AdminEmail,
                    firstName = "Still",
                    lastName = "Admin",
                    role = "user",
                }
            )
        ).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var after = await admin.Client.GetAsync(url);
        after.ETagOf().Should().Be(before, "nothing changed");
        (await after.JsonAsync()).GetProperty("role").GetString().Should().Be("admin");
        (await admin.Client.PatchJsonAsync(url, new { lastName = "Renamed" })).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_deleted_by_id_or_as_me()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var admin = await app.AdminAsync();

        await (await admin.Client.DeleteAsync($"/api/v1/users/{admin.Id}")).ShouldBeProblemAsync(
            HttpStatusCode.Conflict
        );
        await (await admin.Client.DeleteAsync("/api/v1/users/me")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await admin.Client.GetAsync("/api/v1/users")).EnsureStatus(HttpStatusCode.OK);
        (await app.LogInAsync(admin.Id, TaskforgeApp.AdminEmail, TaskforgeApp.AdminPassword))
            .Should()
            .NotBeNull("the account still logs in");
    }

    [Fact]
    public async Task With_two_admins_either_may_go_and_then_the_other_is_the_last()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var first = await app.AdminAsync();
        var second = await PromotedAsync(app, first);

        (await second.Client.PatchJsonAsync($"/api/v1/users/{first.Id}", new { role = "user" })).EnsureStatus(
            HttpStatusCode.OK
        );
        await (await second.Client.DeleteAsync("/api/v1/users/me")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await second.Client.PatchJsonAsync($"/api/v1/users/{first.Id}", new { role = "admin" })).EnsureStatus(
            HttpStatusCode.OK
        );
        (await first.Client.DeleteAsync($"/api/v1/users/{second.Id}")).EnsureStatus(HttpStatusCode.NoContent);
        await (await first.Client.DeleteAsync("/api/v1/users/me")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await AdminCountAsync(first)).Should().Be(1);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var survivor = await app.AdminAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var other = await PromotedAsync(app, survivor);

            var answers = await Task.WhenAll(
                survivor.Client.PatchJsonAsync($"/api/v1/users/{other.Id}", new { role = "user" }),
                other.Client.PatchJsonAsync($"/api/v1/users/{survivor.Id}", new { role = "user" })
            );

            answers
                .Count(a => a.StatusCode == HttpStatusCode.OK)
                .Should()
                .Be(1, $"round {round}: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
            answers
                .Select(a => a.StatusCode)
                .Should()
                .BeSubsetOf([HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Conflict]);
            survivor = answers[0].StatusCode == HttpStatusCode.OK ? survivor : other;
            (await AdminCountAsync(survivor)).Should().Be(1, $"round {round}");
        }
    }

    [Fact]
    public async Task Admins_demoting_and_deleting_themselves_at_once_leave_exactly_one()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var survivor = await app.AdminAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var admins = new List<TestUser> { survivor };
            for (var i = 0; i < 4; i++)
            {
                admins.Add(await PromotedAsync(app, survivor));
            }

            var answers = await Task.WhenAll(
                admins.Select(
                    (admin, i) =>
                        i % 2 == 0
                            ? admin.Client.PatchJsonAsync($"/api/v1/users/{admin.Id}", new { role = "user" })
                            : admin.Client.DeleteAsync("/api/v1/users/me")
                )
            );

            var statuses = string.Join(", ", answers.Select(a => (int)a.StatusCode));
            answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(1, $"round {round}: {statuses}");
            answers
                .Count(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent)
                .Should()
                .Be(admins.Count - 1, $"round {round}: {statuses}");
            survivor = admins[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Conflict)];
            (await AdminCountAsync(survivor)).Should().Be(1, $"round {round}");
        }
    }

    private static async Task<TestUser> PromotedAsync(TaskforgeApp app, TestUser admin)
    {
        var user = await app.RegisterAsync();
        (await admin.Client.PatchJsonAsync($"/api/v1/users/{user.Id}", new { role = "admin" })).EnsureStatus(
            HttpStatusCode.OK
        );
        return user;
    }

    private static async Task<int> AdminCountAsync(TestUser admin)
    {
        var list = await admin.Client.GetAsync("/api/v1/users?limit=200");
        list.EnsureStatus(HttpStatusCode.OK);
        return (await list.JsonAsync())
            .GetProperty("items")
            .EnumerateArray()
            .Count(user => user.GetProperty("role").GetString() == "admin");
    }
}

public sealed class SqliteLastAdminTests() : LastAdminTests(() => new SqliteApp());

public sealed class PostgresLastAdminTests() : LastAdminTests(() => new PostgresApp());
