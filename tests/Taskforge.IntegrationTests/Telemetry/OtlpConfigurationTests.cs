using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Telemetry;

/// <summary>A collector address that cannot be one stops the service with one line naming the key.</summary>
public sealed class OtlpConfigurationTests
{
    [Fact]
    public async Task An_endpoint_that_is_not_an_http_address_stops_startup_naming_the_key()
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["Telemetry__Otlp__Endpoint"] = "collector:4318" }
        );

        (await service.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1);
        service.Error.Should().Contain("Taskforge cannot start: Telemetry:Otlp:Endpoint must be an absolute http");
    }
}
