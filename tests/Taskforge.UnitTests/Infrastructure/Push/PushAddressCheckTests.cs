using System.Net;
using Taskforge.Infrastructure.Push;

namespace Taskforge.UnitTests.Infrastructure.Push;

public sealed class PushAddressCheckTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::a00:1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2606:4700::1111", false)]
    public void Internal_addresses_are_refused(string address, bool refused) =>
        PushAddressCheck.IsRefused(IPAddress.Parse(address)).Should().Be(refused);

    [Theory]
    [InlineData("http://93.184.216.34/push")]
    [InlineData("https://127.0.0.1/push")]
    [InlineData("https://[::ffff:192.168.0.1]/push")]
    [InlineData("not a url")]
    [InlineData("/relative")]
    public async Task Bad_endpoints_are_refused_without_private_targets(string endpoint) =>
        (await new PushAddressCheck(false).RefuseAsync(endpoint, CancellationToken.None)).Should().NotBeNull();

    [Fact]
    public async Task Private_targets_and_http_pass_when_allowed() =>
        (await new PushAddressCheck(true).RefuseAsync("http://127.0.0.1:9/push", CancellationToken.None))
            .Should()
            .BeNull();
}
