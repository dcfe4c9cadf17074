using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Messaging;

/// <summary>
/// The process's one connection to RabbitMQ, when <c>ConnectionStrings:RabbitMq</c> is set, and its
/// one publishing channel (publisher confirms on; concurrent publishes share it and wait for their
/// own confirms). Both open on first use and open again after any failure; while RabbitMQ is
/// unreachable every caller gets an exception at once, and retries later.
/// </summary>
public sealed partial class RabbitMqConnection : IHostedService, IAsyncDisposable
{
    public const string Exchange = "taskforge.events";

    private static readonly CreateChannelOptions ConfirmedChannel = new(
        publisherConfirmationsEnabled: true,
        publisherConfirmationTrackingEnabled: true
    );

    private readonly ConnectionFactory? _factory;
    private readonly ILogger<RabbitMqConnection> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private int _failedOpens;
    private Exception? _lastOpenFailure;

    public RabbitMqConnection(IConfiguration configuration, ILogger<RabbitMqConnection> logger)
    {
        _logger = logger;
        if (configuration.GetConnectionString("RabbitMq") is not { Length: > 0 } value)
        {
            return;
        }

        _factory = new ConnectionFactory
        {
            ClientProvidedName = "taskforge",
            // Recovery is ours: a broken connection is replaced at the next publish.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            HandshakeContinuationTimeout = TimeSpan.FromSeconds(5),
            ContinuationTimeout = TimeSpan.FromSeconds(10),
        };
        try
        {
            _factory.Uri = new Uri(value, UriKind.Absolute);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            // The value is not repeated: it may hold a password.
            throw new StartupException(
                "ConnectionStrings:RabbitMq must be an AMQP URI: amqp://user:password@host:port/vhost.",
                e
            );
        }

        Endpoint = $"{_factory.Endpoint}/{Uri.EscapeDataString(_factory.VirtualHost)}";
    }

    /// <summary>False when no RabbitMQ is configured: nothing is published.</summary>
    public bool IsConfigured => _factory is not null;

    /// <summary>Where the broker is, fit for a log line: scheme, host, port and virtual host, never the credentials.</summary>
    public string Endpoint { get; } = "";

    /// <summary>
    /// Publishes one message and waits for the broker's confirm. A nack, a timeout, a closed
    /// channel or an unreachable broker is an exception.
    /// </summary>
    public async Task PublishAsync(
        string routingKey,
        BasicProperties properties,
        ReadOnlyMemory<byte> body,
        TimeSpan timeout,
        CancellationToken ct
    )
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        IChannel? channel = null;
        try
        {
            channel = await OpenChannelAsync(deadline.Token);
            await channel.BasicPublishAsync(Exchange, routingKey, mandatory: false, properties, body, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // No answer in time: the connection may be stuck, so the next publish starts afresh.
            if (channel is not null)
            {
                await ResetAsync(channel);
            }

            throw new TimeoutException($"RabbitMQ at {Endpoint} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _channel) is { IsOpen: true } open)
        {
            return open;
        }

        var factory = _factory ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        var failuresBefore = Volatile.Read(ref _failedOpens);
        await _gate.WaitAsync(ct);
        try
        {
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }

            // Whoever waited behind a failed attempt shares its answer instead of trying again at once.
            if (_failedOpens != failuresBefore && _lastOpenFailure is { } failure)
            {
                throw new RabbitMqUnavailableException(failure.Message, failure);
            }

            await CloseAsync();
            try
            {
                _connection = await factory.CreateConnectionAsync(ct);
                var channel = await _connection.CreateChannelAsync(ConfirmedChannel, ct);
                await channel.ExchangeDeclareAsync(
                    Exchange,
                    ExchangeType.Topic,
                    durable: true,
                    autoDelete: false,
                    cancellationToken: ct
                );
                Volatile.Write(ref _channel, channel);
                LogConnected(_logger, Endpoint);
                return channel;
            }
            catch (Exception e)
            {
                await CloseAsync();
                if (e is OperationCanceledException)
                {
                    throw;
                }

                var unavailable = new RabbitMqUnavailableException(
                    $"RabbitMQ at {Endpoint} cannot be used: {Innermost(e).Message}",
                    e
                );
                _lastOpenFailure = unavailable;
                Interlocked.Increment(ref _failedOpens);
                throw unavailable;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResetAsync(IChannel broken)
    {
        await _gate.WaitAsync();
        try
        {
            if (ReferenceEquals(_channel, broken))
            {
                await CloseAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Called under the gate (or at disposal): drops the channel and connection without waiting on a broker that may be gone.
    private async Task CloseAsync()
    {
        var channel = _channel;
        var connection = _connection;
        Volatile.Write(ref _channel, null);
        _connection = null;
        try
        {
            // Abort first: it gives up after a second, where a polite close could wait on a stuck broker.
            if (connection is not null)
            {
                await connection.AbortAsync(TimeSpan.FromSeconds(1));
            }

            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            LogCloseFailed(_logger, e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ at {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a RabbitMQ connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}

/// <summary>RabbitMQ cannot be reached or refused the connection; the delivery is retried later.</summary>
public sealed class RabbitMqUnavailableException(string message, Exception inner)
    : Taskforge.Application.Events.ChannelUnavailableException(message, inner);
