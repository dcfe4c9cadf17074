using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Messaging;

/// <summary>A RabbitMQ URI that cannot be used stops the service at startup, naming the key and never echoing the value.</summary>
public sealed class RabbitMqConfigurationTests
{
    private const string Secret = "do-not-print-this-password";

    [Theory]
    [InlineData($"http://taskforge:{Secret}@127.0.0.1:5672/")]
    [InlineData($"amqp://taskforge:{Secret}@127.0.0.1:5672/one/two")]
    [InlineData($"taskforge:{Secret} at the broker")]
    public async Task A_bad_uri_stops_the_process_with_one_line_naming_the_key_and_not_the_password(string uri)
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["ConnectionStrings__RabbitMq"] = uri }
        );

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0, service.ToString());
        service
            .Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should()
            .ContainSingle(service.ToString())
            .Which.Should()
            .Contain("ConnectionStrings:RabbitMq");
        service.ToString().Should().NotContain(Secret);
    }
}
