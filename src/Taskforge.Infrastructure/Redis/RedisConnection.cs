using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Taskforge.Infrastructure.Redis;

/// <summary>
/// The one multiplexer of the process, when <c>ConnectionStrings:Redis</c> is set. It connects on
/// first use and reconnects by itself: a Redis outage degrades features, never startup.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _multiplexer;

    public RedisConnection(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } value)
        {
            return;
        }

        var options = ConfigurationOptions.Parse(value);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(options);
            // Each endpoint has two connections, and each raises its own event; keys (what a
            // restarted Redis has lost) go over the interactive one, pub/sub over the other.
            multiplexer.ConnectionRestored += (_, restored) =>
            {
                if (restored.ConnectionType == ConnectionType.Interactive)
                {
                    Restored?.Invoke();
                }
            };
            return multiplexer;
        });
    }

    /// <summary>Raised when the lost connection that reads and writes keys is back (a restarted Redis may have lost its keys).</summary>
    public event Action? Restored;

    /// <summary>False when no Redis is configured: everything then stays in this process.</summary>
    public bool IsConfigured => _multiplexer is not null;

    /// <summary>Whether Redis is configured and connected now.</summary>
    public bool IsConnected => IsConfigured && Multiplexer.IsConnected;

    private ConnectionMultiplexer Multiplexer =>
        _multiplexer?.Value ?? throw new InvalidOperationException("ConnectionStrings:Redis is not configured.");

    public IDatabase Database => Multiplexer.GetDatabase();

    public ISubscriber Subscriber => Multiplexer.GetSubscriber();

    public void Dispose()
    {
        if (_multiplexer is { IsValueCreated: true })
        {
            _multiplexer.Value.Dispose();
        }
    }
}
