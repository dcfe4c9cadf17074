using System.Net;
using Taskforge.Infrastructure.Outbound;

namespace Taskforge.UnitTests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    public static TheoryData<string, string?> Addresses =>
        new()
        {
            // Public: allowed.
            { "93.184.215.14", null },
            { "8.8.8.8", null },
            { "1.1.1.1", null },
            { "172.32.0.1", null },
            { "100.128.0.1", null },
            { "192.169.0.1", null },
            { "2606:4700:4700::1111", null },
            { "2a00:1450:4001:80b::200e", null },
            { "::ffff:8.8.8.8", null },
            { "64:ff9b::808:808", null },
            { "2002:808:808::1", null },
            // IPv4 inside.
            { "0.0.0.0", "unspecified" },
            { "0.1.2.3", "unspecified" },
            { "127.0.0.1", "loopback" },
            { "127.255.255.254", "loopback" },
            { "10.0.0.1", "private" },
            { "10.255.255.255", "private" },
            { "172.16.0.1", "private" },
            { "172.31.255.255", "private" },
            { "192.168.0.1", "private" },
            { "100.64.0.1", "carrier-grade NAT" },
            { "100.127.255.255", "carrier-grade NAT" },
            { "169.254.169.254", "link-local" },
            { "224.0.0.1", "multicast" },
            { "239.255.255.250", "multicast" },
            { "240.0.0.1", "reserved" },
            { "255.255.255.255", "reserved" },
            { "192.0.0.8", "reserved" },
            { "192.0.2.1", "reserved" },
            { "198.18.0.1", "reserved" },
            // IPv6 inside.
            { "::", "unspecified" },
            { "::1", "loopback" },
            { "fc00::1", "unique local" },
            { "fd12:3456:789a::1", "unique local" },
            { "fe80::1", "link-local" },
            { "febf::1", "link-local" },
            { "fec0::1", "site-local" },
            { "ff02::1", "multicast" },
            { "2001:db8::1", "documentation" },
            { "100::1", "discard" },
            { "64:ff9b:1::1", "NAT64" },
            // IPv6 forms that carry an IPv4 address inside.
            { "::ffff:127.0.0.1", "loopback" },
            { "::ffff:10.1.2.3", "private" },
            { "::ffff:169.254.169.254", "link-local" },
            { "::ffff:100.64.1.1", "carrier-grade NAT" },
            { "::ffff:0.0.0.0", "unspecified" },
            { "::127.0.0.1", "loopback" },
            { "64:ff9b::7f00:1", "loopback" },
            { "64:ff9b::a9fe:a9fe", "link-local" },
            { "2002:7f00:1::1", "loopback" },
            { "2002:c0a8:101::1", "private" },
        };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Classifies_every_kind_of_address(string address, string? kind)
    {
        var verdict = OutboundAddressPolicy.Classify(IPAddress.Parse(address));

        if (kind is null)
        {
            verdict.Should().BeNull($"{address} is public");
        }
        else
        {
            verdict.Should().Contain(kind);
        }
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Allow_private_targets_allows_every_address(string address, string? kind)
    {
        _ = kind;
        new OutboundAddressPolicy(allowPrivateTargets: true).Refusal(IPAddress.Parse(address)).Should().BeNull();
    }

    [Theory]
    [InlineData("https://example.com/hook", false, true)]
    [InlineData("http://example.com/hook", false, false)]
    [InlineData("http://example.com/hook", true, true)]
    [InlineData("ftp://example.com/hook", true, false)]
    public void Only_https_unless_private_targets_are_allowed(string url, bool allowPrivate, bool allowed)
    {
        var refusal = new OutboundAddressPolicy(allowPrivate).SchemeRefusal(new Uri(url));

        (refusal is null).Should().Be(allowed);
    }
}
