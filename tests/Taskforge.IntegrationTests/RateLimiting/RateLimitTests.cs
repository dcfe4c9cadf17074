using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.RateLimiting;

/// <summary>
/// The limiter keeps no data in the database, so these run on SQLite only; the shared-counter
/// tests run two instances against a real redis-server.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly List<TaskforgeApp> _apps = [];
    private readonly List<RedisServer> _redis = [];

    [Fact]
    public async Task Auth_routes_are_limited_per_ip_at_the_configured_count_with_ietf_headers()
    {
        var client = App(("RateLimiting:Auth:PermitLimit", "3")).CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await LogInWithWrongPassword(client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var limited = await LogInWithWrongPassword(client);

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        limited.Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"auth\";q=3;w=60");
        limited.Headers.GetValues("RateLimit").Single().Should().StartWith("\"auth\";r=0;t=");
        limited.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task A_limit_resets_when_its_window_ends()
    {
        // Three seconds: long enough that a slow (loaded) machine's two logins share one window.
        var client = App(("RateLimiting:Auth:PermitLimit", "1"), ("RateLimiting:Auth:WindowSeconds", "3"))
            .CreateClient();
        (await LogInWithWrongPassword(client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // A window may end between two requests (a busy machine makes that likely), so ask until one is refused.
        await Deadline.WaitUntilAsync(
            async () => (await LogInWithWrongPassword(client)).StatusCode == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(10),
            "a second attempt within one window to be refused"
        );
        await Deadline.WaitUntilAsync(
            async () => (await LogInWithWrongPassword(client)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10),
            "the three-second window to reset"
        );
    }

    [Fact]
    public async Task Users_are_limited_independently_of_each_other()
    {
        var app = App(("RateLimiting:General:PermitLimit", "3"), ("RateLimiting:Auth:PermitLimit", "100"));
        var first = await app.RegisterAsync();
        var second = await app.RegisterAsync();

        for (var i = 0; i < 3; i++)
        {
            (await first.Client.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await first.Client.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await second.Client.GetAsync("/api/v1/users/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Client_ips_from_a_trusted_proxy_are_limited_independently()
    {
        var app = App(("RateLimiting:Auth:PermitLimit", "1"), ("RateLimiting:TrustedProxies:0", "127.0.0.1"));
        app.FromPeer(IPAddress.Loopback);
        var client = app.CreateClient();

        (await LogInWithWrongPassword(client, forwardedFor: "203.0.113.1"))
            .StatusCode.Should()
            .Be(HttpStatusCode.Unauthorized);
        (await LogInWithWrongPassword(client, forwardedFor: "203.0.113.1"))
            .StatusCode.Should()
            .Be(HttpStatusCode.TooManyRequests);
        (await LogInWithWrongPassword(client, forwardedFor: "203.0.113.2"))
            .StatusCode.Should()
            .Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        var app = App(("RateLimiting:Auth:PermitLimit", "1"));
        app.FromPeer(IPAddress.Loopback);
        var client = app.CreateClient();

        (await LogInWithWrongPassword(client, forwardedFor: "203.0.113.1"))
            .StatusCode.Should()
            .Be(HttpStatusCode.Unauthorized);
        (await LogInWithWrongPassword(client, forwardedFor: "203.0.113.2"))
            .StatusCode.Should()
            .Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Health_checks_and_docs_are_never_limited()
    {
        var client = App(("RateLimiting:General:PermitLimit", "1"), ("RateLimiting:Auth:PermitLimit", "1"))
            .CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Switching_rate_limiting_off_removes_every_limit()
    {
        var client = App(("RateLimiting:Enabled", "false"), ("RateLimiting:Auth:PermitLimit", "1")).CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await LogInWithWrongPassword(client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Two_instances_sharing_redis_share_one_quota()
    {
        var redis = await Redis();
        var settings = new[]
        {
            ("RateLimiting:Auth:PermitLimit", "4"),
            ("ConnectionStrings:Redis", redis.ConnectionString),
        };
        var first = App(settings).CreateClient();
        var second = App(settings).CreateClient();

        (await LogInWithWrongPassword(first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await LogInWithWrongPassword(second)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await LogInWithWrongPassword(first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await LogInWithWrongPassword(second)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var limited = await LogInWithWrongPassword(first);
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await LogInWithWrongPassword(second)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Without_redis_the_limiter_lets_requests_through_rather_than_failing()
    {
        var redis = await Redis();
        var client = App(("RateLimiting:Auth:PermitLimit", "2"), ("ConnectionStrings:Redis", redis.ConnectionString))
            .CreateClient();
        (await LogInWithWrongPassword(client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await redis.StopAsync();

        for (var i = 0; i < 4; i++)
        {
            (await LogInWithWrongPassword(client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task When_redis_returns_the_shared_quota_applies_again_without_a_restart()
    {
        var redis = await Redis();
        var settings = new[]
        {
            ("RateLimiting:Auth:PermitLimit", "2"),
            ("ConnectionStrings:Redis", redis.ConnectionString),
        };
        var first = App(settings).CreateClient();
        var second = App(settings).CreateClient();
        (await LogInWithWrongPassword(first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await redis.StopAsync();
        for (var i = 0; i < 4; i++)
        {
            (await LogInWithWrongPassword(i % 2 == 0 ? first : second))
                .StatusCode.Should()
                .Be(HttpStatusCode.Unauthorized, "while Redis is down the limiter lets requests through");
        }

        await redis.RestartAsync();

        // Both instances reconnect by themselves; counting in Redis resumes, so the quota bites again.
        var attempt = 0;
        await Deadline.WaitUntilAsync(
            async () =>
                (await LogInWithWrongPassword(attempt++ % 2 == 0 ? first : second)).StatusCode
                == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(30),
            "a 429 from the shared quota after Redis came back"
        );
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }

        foreach (var redis in _redis)
        {
            await redis.DisposeAsync();
        }
    }

    private TaskforgeApp App(params (string Key, string Value)[] settings)
    {
        var app = new SqliteApp().With("RateLimiting:Enabled", "true");
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        _apps.Add(app);
        return app;
    }

    private async Task<RedisServer> Redis()
    {
        var redis = await RedisServer.StartAsync();
        _redis.Add(redis);
        return redis;
    }

    private static Task<HttpResponseMessage> LogInWithWrongPassword(HttpClient client, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(
                new { email = "nobody@example.test", password = "wrong-password" }
            ),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }
}
