using System.Net;
using System.Net.Sockets;
using Taskforge.Infrastructure.Outbound;

namespace Taskforge.UnitTests.Outbound;

/// <summary>
/// The connect callback resolves once, checks every address, and connects only to one it checked:
/// a name that resolves inside is refused before any connection, whatever the DNS answers next.
/// </summary>
public sealed class OutboundConnectorTests : IDisposable
{
    private readonly TcpListener _inside = new(IPAddress.Loopback, 0);

    public OutboundConnectorTests() => _inside.Start();

    private int Port => ((IPEndPoint)_inside.LocalEndpoint).Port;

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_and_nothing_connects()
    {
        using var client = Client(allowPrivate: false, Answers("inside.test", IPAddress.Loopback));

        var send = () => client.GetAsync(new Uri($"http://inside.test:{Port}/"));

        var thrown = await send.Should().ThrowAsync<HttpRequestException>();
        thrown.Which.InnerException.Should().BeOfType<OutboundTargetRefusedException>();
        thrown.Which.InnerException!.Message.Should().Contain("loopback");
        _inside.Pending().Should().BeFalse("no connection was made");
    }

    [Fact]
    public async Task A_name_with_one_public_and_one_private_address_is_refused()
    {
        using var client = Client(
            allowPrivate: false,
            Answers("mixed.test", IPAddress.Parse("93.184.215.14"), IPAddress.Loopback)
        );

        var send = () => client.GetAsync(new Uri($"http://mixed.test:{Port}/"));

        (await send.Should().ThrowAsync<HttpRequestException>())
            .Which.InnerException.Should()
            .BeOfType<OutboundTargetRefusedException>();
        _inside.Pending().Should().BeFalse();
    }

    [Fact]
    public async Task A_dns_answer_that_changes_after_the_first_lookup_reaches_only_what_was_checked()
    {
        var lookups = 0;
        var connector = new OutboundConnector(
            new OutboundAddressPolicy(false),
            (_, _) =>
                Task.FromResult(
                    Interlocked.Increment(ref lookups) == 1
                        ? [IPAddress.Parse("93.184.215.14")]
                        : new[] { IPAddress.Loopback }
                )
        );

        var checkedFirst = await connector.ResolveAsync("rebind.test", CancellationToken.None);
        var refusedThen = () => connector.ResolveAsync("rebind.test", CancellationToken.None);

        checkedFirst.Should().Equal(IPAddress.Parse("93.184.215.14"));
        await refusedThen.Should().ThrowAsync<OutboundTargetRefusedException>();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::1]")]
    public async Task Literal_addresses_inside_are_refused_without_a_lookup(string host)
    {
        var connector = new OutboundConnector(
            new OutboundAddressPolicy(false),
            (_, _) => throw new InvalidOperationException("no lookup for a literal address")
        );

        var resolve = () => connector.ResolveAsync(host, CancellationToken.None);

        await resolve.Should().ThrowAsync<OutboundTargetRefusedException>();
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        var connector = new OutboundConnector(
            new OutboundAddressPolicy(false),
            (_, _) => throw new SocketException((int)SocketError.HostNotFound)
        );

        var resolve = () => connector.ResolveAsync("nowhere.test", CancellationToken.None);

        (await resolve.Should().ThrowAsync<OutboundTargetRefusedException>())
            .Which.Message.Should()
            .Contain("does not resolve");
    }

    [Fact]
    public async Task With_private_targets_allowed_it_connects_to_the_checked_address()
    {
        using var client = Client(allowPrivate: true, Answers("inside.test", IPAddress.Loopback));

        var send = client.GetAsync(new Uri($"http://inside.test:{Port}/"));
        using var accepted = await _inside.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));

        ((IPEndPoint)accepted.Client.RemoteEndPoint!).Address.Should().Be(IPAddress.Loopback);
        accepted.Close();
        await send.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _inside.Dispose();

    private static Func<string, CancellationToken, Task<IPAddress[]>> Answers(
        string name,
        params IPAddress[] addresses
    ) =>
        (host, _) =>
            host == name ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);

    private static HttpClient Client(bool allowPrivate, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        var connector = new OutboundConnector(new OutboundAddressPolicy(allowPrivate), resolve);
        return new HttpClient(new SocketsHttpHandler { ConnectCallback = connector.ConnectAsync, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }
}
