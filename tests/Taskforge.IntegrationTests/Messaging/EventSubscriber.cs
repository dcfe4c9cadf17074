using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Messaging;

/// <summary>
/// What a subscriber of Taskforge's events sees: a durable queue of its own, bound to
/// <c>taskforge.events</c> with <c>#</c>, read with a real AMQP client. It keeps every message it
/// took, and survives the broker's restarts (it reconnects when asked to read again).
/// </summary>
public sealed class EventSubscriber : IAsyncDisposable
{
    private readonly RabbitMqServer _broker;
    private readonly string _name = $"taskforge-tests.{Guid.NewGuid():N}";
    private readonly List<PublishedMessage> _received = [];
    private IConnection? _connection;
    private IChannel? _channel;

    private EventSubscriber(RabbitMqServer broker) => _broker = broker;

    public IReadOnlyList<PublishedMessage> Received => [.. _received];

    public static async Task<EventSubscriber> BindAsync(RabbitMqServer broker)
    {
        var subscriber = new EventSubscriber(broker);
        var channel = await subscriber.OpenAsync();
        await channel.ExchangeDeclareAsync("taskforge.events", ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(subscriber._name, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(subscriber._name, "taskforge.events", "#");
        return subscriber;
    }

    /// <summary>Takes every message waiting; false when the broker cannot be reached (it may be down).</summary>
    public async Task<bool> DrainAsync()
    {
        try
        {
            var channel = await OpenAsync();
            while (await channel.BasicGetAsync(_name, autoAck: true) is { } message)
            {
                _received.Add(
                    new PublishedMessage(
                        message.RoutingKey,
                        message.BasicProperties.MessageId,
                        message.BasicProperties.ContentType,
                        message.BasicProperties.DeliveryMode,
                        Encoding.UTF8.GetString(message.Body.Span)
                    )
                );
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await CloseAsync();
            return false;
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds for the messages of <paramref name="userId"/>, and answers them.</summary>
    public async Task<IReadOnlyList<PublishedMessage>> WaitForAsync(
        Guid userId,
        Func<IReadOnlyList<PublishedMessage>, bool> done,
        string what,
        TimeSpan? timeout = null
    )
    {
        await Deadline.WaitUntilAsync(
            async () => await DrainAsync() && done(Of(userId)),
            timeout ?? TimeSpan.FromSeconds(60),
            $"{what}; received so far: {string.Join(", ", Of(userId).Select(m => m.RoutingKey))}"
        );
        return Of(userId);
    }

    /// <summary>The messages about one user's data (every event carries its <c>userId</c>).</summary>
    public IReadOnlyList<PublishedMessage> Of(Guid userId) => [.. _received.Where(m => m.UserId == userId)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            var channel = await OpenAsync();
            await channel.QueueDeleteAsync(_name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The broker is gone already (a failed test); its directory goes with it.
        }

        await CloseAsync();
    }

    private async Task<IChannel> OpenAsync()
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await CloseAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_broker.Uri),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        _connection = await factory.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
        return _channel;
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
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
}

/// <summary>One message as the subscriber received it.</summary>
public sealed record PublishedMessage(
    string RoutingKey,
    string? MessageId,
    string? ContentType,
    DeliveryModes DeliveryMode,
    string Body
)
{
    public JsonElement Envelope
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public Guid? UserId =>
        Envelope.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String
            ? user.GetGuid()
            : null;
}
