using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Push;

/// <summary>
/// The address rules for push endpoints (server-side request forgery): no loopback, private,
/// link-local, CGNAT, multicast, unspecified or reserved targets, also as IPv4-mapped IPv6,
/// checked after DNS resolution; <c>Outbound:AllowPrivateTargets=true</c> allows them and plain
/// http. The webhooks' OutboundAddressPolicy follows the same rules: the two should become one.
/// </summary>
public sealed class PushAddressCheck(bool allowPrivateTargets)
{
    public static PushAddressCheck From(IConfiguration configuration) =>
        new(configuration.GetValue("Outbound:AllowPrivateTargets", false));

    public bool AllowPrivateTargets => allowPrivateTargets;

    /// <summary>Why the URL may not be used as an endpoint, or null when it may.</summary>
    public async Task<string?> RefuseAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return "must be an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivateTargets && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "must be an https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password.";
        }

        try
        {
            await AllowedAddressesAsync(uri.IdnHost, ct);
            return null;
        }
        catch (RefusedTargetException e)
        {
            return e.Message;
        }
    }

    /// <summary>The host's addresses that may be reached; throws <see cref="RefusedTargetException"/> when none may.</summary>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, ct);
            }
            catch (SocketException)
            {
                throw new RefusedTargetException("has a host name that does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            throw new RefusedTargetException("has a host name that does not resolve.");
        }

        if (!allowPrivateTargets && addresses.Any(IsRefused))
        {
            throw new RefusedTargetException(
                "must not point at a loopback, private, link-local, multicast or otherwise internal address."
            );
        }

        return addresses;
    }

    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true, // this network, private, loopback
                100 => b[1] is >= 64 and <= 127, // CGNAT 100.64.0.0/10
                169 => b[1] == 254, // link-local
                172 => b[1] is >= 16 and <= 31, // private
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // private, IETF protocol assignments
                198 => b[1] is 18 or 19, // benchmarking
                >= 224 => true, // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (bytes[0] & 0xfe) == 0xfc // unique local fc00::/7
            || (IsNat64(bytes) && IsRefused(new IPAddress(bytes[12..])));
    }

    // 64:ff9b::/96 embeds an IPv4 address that a NAT64 gateway would reach.
    private static bool IsNat64(byte[] b) =>
        b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
}

public sealed class RefusedTargetException(string message) : Exception(message);
