using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Caching;

/// <summary>
/// Every authenticated request checks the account through the cache. A write on one instance
/// must be seen at once by the others: with Redis, and also after Redis has gone away.
/// </summary>
public abstract class AccountCacheTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task A_password_change_on_one_instance_stops_the_old_token_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var user = await first.RegisterAsync();
        var onSecond = second.ClientWith(user.AccessToken);
        (await onSecond.GetAsync("/api/v1/users/me"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "the second instance has now cached the account");

        (
            await user.Client.PostJsonAsync(
                "/api/v1/users/me/password",
                new { currentPassword = user.Password, newPassword = "a-new-password-2" }
            )
        )
            .StatusCode.Should()
            .Be(HttpStatusCode.NoContent);

        (await onSecond.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_change_on_one_instance_applies_on_another_at_once()
    {
        await using var instances = new Instances(newApp);
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var admin = await first.AdminAsync();
        var user = await first.RegisterAsync();
        var onSecond = second.ClientWith(user.AccessToken);
        (await onSecond.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (
            await admin.Client.PatchAsync(
                $"/api/v1/users/{user.Id}",
                System.Net.Http.Json.JsonContent.Create(new { role = "admin" })
            )
        )
            .StatusCode.Should()
            .Be(HttpStatusCode.OK);

        (await onSecond.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_redis_stopped_requests_fall_back_to_the_database_and_see_every_write()
    {
        await using var instances = new Instances(newApp);
        var redis = await instances.StartRedisAsync();
        var first = await instances.StartAsync(redis);
        var second = await instances.StartAsync(redis);
        var user = await first.RegisterAsync();
        var onSecond = second.ClientWith(user.AccessToken);
        (await onSecond.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await redis.StopAsync();

        (await onSecond.GetAsync("/api/v1/users/me"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "a cache outage is not an API outage");
        (await user.Client.DeleteAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await onSecond.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteAccountCacheTests() : AccountCacheTests(() => new SqliteApp());

public sealed class PostgresAccountCacheTests() : AccountCacheTests(() => new PostgresApp());
