using System.Net;
using System.Net.Sockets;

namespace Taskforge.Infrastructure.Outbound;

/// <summary>
/// Resolves a host, checks every address it resolves to against the <see cref="OutboundAddressPolicy"/>,
/// and connects only to an address it checked. As an <c>HttpClient</c>'s connect callback it closes
/// the gap a DNS answer could slip through between a check and the connection (DNS rebinding).
/// </summary>
public sealed class OutboundConnector(
    OutboundAddressPolicy policy,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null
)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve =
        resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    /// <summary>
    /// The host's addresses, every one of them allowed; a host that is an IP address is itself.
    /// Throws <see cref="OutboundTargetRefusedException"/> when any is refused or none is found.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct)
    {
        var name = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(name, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolve(name, ct);
            }
            catch (SocketException e)
            {
                throw new OutboundTargetRefusedException($"its host name does not resolve ({e.SocketErrorCode}).");
            }
        }

        if (addresses.Length == 0)
        {
            throw new OutboundTargetRefusedException("its host name does not resolve to any address.");
        }

        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } kind)
            {
                throw new OutboundTargetRefusedException($"must not lead to a {kind} address ({address}).");
            }
        }

        return addresses;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: a connection to a checked address of the request's host.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}

/// <summary>A request target refused by the <see cref="OutboundAddressPolicy"/>; the message completes "The URL ...".</summary>
public sealed class OutboundTargetRefusedException(string message) : Exception(message);
