using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Realtime;

/// <summary>
/// A restarted Redis has lost every instance's "connected" marks, so for
/// <see cref="HubPresence.RestoreGrace"/> after Redis is back a missing mark does not mean "not
/// connected" (a fan-out then counts everyone). A real redis-server, restarted; the grace is
/// timed on a manual clock, so the test needs no sleep of 10 s.
/// </summary>
public sealed class HubPresenceGraceTests
{
    [Fact]
    public async Task Marks_are_not_trusted_until_the_grace_after_Redis_came_back_has_passed()
    {
        await using var server = await RedisServer.StartAsync();
        using var redis = new RedisConnection(
            new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:Redis", server.ConnectionString)])
                .Build()
        );
        var clock = new ManualClock();
        var presence = new HubPresence(redis, clock);
        await Deadline.WaitUntilAsync(
            () => Task.FromResult(presence.IsTrusted),
            TimeSpan.FromSeconds(10),
            "the first connection to Redis"
        );

        var restored = new TaskCompletionSource();
        redis.Restored += () => restored.TrySetResult();
        await server.RestartAsync();
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Deadline.WaitUntilAsync(
            () => Task.FromResult(presence.IsReachable),
            TimeSpan.FromSeconds(10),
            "Redis reachable after the restart"
        );

        presence.IsTrusted.Should().BeFalse("the empty Redis has lost the marks the instances are putting back");
        clock.Advance(HubPresence.RestoreGrace - TimeSpan.FromMilliseconds(1));
        presence.IsTrusted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        presence.IsTrusted.Should().BeTrue();
    }
}
