using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Outbound;

/// <summary>
/// Which addresses and schemes requests to URLs that users choose (webhooks, push endpoints) may
/// reach: public addresses over https only, unless <c>Outbound:AllowPrivateTargets</c> (tests,
/// internal networks) also allows loopback, private and link-local addresses and plain http.
/// </summary>
public sealed class OutboundAddressPolicy(bool allowPrivateTargets)
{
    public bool AllowPrivateTargets => allowPrivateTargets;

    public static OutboundAddressPolicy From(IConfiguration configuration) =>
        new(configuration.GetValue("Outbound:AllowPrivateTargets", false));

    /// <summary>Null when the scheme may be used; otherwise why not.</summary>
    public string? SchemeRefusal(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (allowPrivateTargets && url.Scheme == Uri.UriSchemeHttp)
            ? null
            : "must use https.";

    /// <summary>Null when the address may be reached; otherwise what kind of address it is.</summary>
    public string? Refusal(IPAddress address) => allowPrivateTargets ? null : Classify(address);

    /// <summary>
    /// What kind of non-public address this is (loopback, private, ...), or null for a public one.
    /// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it.
    /// </summary>
    public static string? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        var b = address.GetAddressBytes();
        if (b.Take(15).All(x => x == 0))
        {
            return b[15] == 0 ? "unspecified"
                : b[15] == 1 ? "loopback"
                : "reserved";
        }

        // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64).
        if (
            (b.Take(10).All(x => x == 0) && b[10] == 0xff && b[11] == 0xff)
            || b.Take(12).All(x => x == 0)
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
        )
        {
            return ClassifyV4(b[12..]);
        }

        return (b[0], b[1]) switch
        {
            (0x00, 0x64) when b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01 =>
                "private (NAT64 local use)",
            (0x20, 0x02) => ClassifyV4(b[2..6]), // 6to4 carries the IPv4 address of its relay
            (0x01, 0x00) when b.Skip(2).Take(6).All(x => x == 0) => "reserved (discard only)",
            (0x20, 0x01) when b[2] == 0x0d && b[3] == 0xb8 => "reserved (documentation)",
            _ when (b[0] & 0xfe) == 0xfc => "private (unique local)",
            _ when b[0] == 0xfe && (b[1] & 0xc0) == 0x80 => "link-local",
            _ when b[0] == 0xfe && (b[1] & 0xc0) == 0xc0 => "private (site-local)",
            _ when b[0] == 0xff => "multicast",
            _ => null,
        };
    }

    private static string? ClassifyV4(byte[] b) =>
        (b[0], b[1]) switch
        {
            (0, _) => "unspecified (this network)",
            (10, _) => "private",
            (100, >= 64 and < 128) => "private (carrier-grade NAT)",
            (127, _) => "loopback",
            (169, 254) => "link-local",
            (172, >= 16 and < 32) => "private",
            (192, 0) when b[2] is 0 or 2 => "reserved",
            (192, 168) => "private",
            (198, 18 or 19) => "reserved (benchmarking)",
            (198, 51) when b[2] == 100 => "reserved (documentation)",
            (203, 0) when b[2] == 113 => "reserved (documentation)",
            (>= 224 and < 240, _) => "multicast",
            (>= 240, _) => "reserved",
            _ => null,
        };
}
