namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// Starts app instances that share one database (and optionally one redis-server), as several
/// instances behind a load balancer would, and disposes them all at the end of a test.
/// </summary>
public sealed class Instances(Func<TaskforgeApp> newApp) : IAsyncDisposable
{
    private readonly List<TaskforgeApp> _apps = [];
    private readonly List<RedisServer> _redis = [];

    public async Task<RedisServer> StartRedisAsync()
    {
        var redis = await RedisServer.StartAsync();
        _redis.Add(redis);
        return redis;
    }

    /// <summary>A new instance on the first instance's database; the first one decides which database that is.</summary>
    public async Task<TaskforgeApp> StartAsync(RedisServer? redis = null)
    {
        var app = newApp();
        await app.InitializeAsync();
        if (_apps.Count > 0)
        {
            foreach (var (key, value) in _apps[0].DatabaseConnection())
            {
                app.With(key, value);
            }
        }

        if (redis is not null)
        {
            app.With("ConnectionStrings:Redis", redis.ConnectionString);
        }

        _apps.Add(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        // The first instance owns the database: the others stop before it is removed.
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await ((IAsyncLifetime)_apps[i]).DisposeAsync();
        }

        foreach (var redis in _redis)
        {
            await redis.DisposeAsync();
        }
    }
}
