using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Messaging;

/// <summary>
/// One private broker for every RabbitMQ test: starting one takes seconds, so the tests share it
/// and take turns (one collection). Each test binds a queue of its own and reads only its own
/// users' events; tests that stop or pause the broker bring it back before they end.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private RabbitMqServer? _server;

    public RabbitMqServer Server => _server ?? throw new InvalidOperationException("The broker has not started.");

    public async Task InitializeAsync() => _server = await RabbitMqServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedRabbitMq : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ";
}
