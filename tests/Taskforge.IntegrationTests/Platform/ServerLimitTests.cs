using System.Net;
using System.Net.Sockets;
using System.Text;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>Kestrel's limits as the built service sets them, seen from a raw socket.</summary>
public sealed class ServerLimitTests(RunningService service) : IClassFixture<RunningService>
{
    private readonly Uri _address = service.Address;

    [Fact]
    public async Task Headers_larger_than_32_KiB_are_431()
    {
        using var client = new HttpClient { BaseAddress = _address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 40; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('a', 1000));
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task More_than_100_headers_are_431()
    {
        using var client = new HttpClient { BaseAddress = _address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 101; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "a");
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_request_line_over_8_KiB_is_414()
    {
        using var client = new HttpClient { BaseAddress = _address };

        var response = await client.GetAsync("/api/v1/projects?cursor=" + new string('a', 9000));

        response.StatusCode.Should().Be(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_dropped()
    {
        using var slow = new TcpClient();
        await slow.ConnectAsync(_address.Host, _address.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(
            Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: {_address.Authority}\r\n")
        );

        // Kestrel answers 408 and closes once RequestHeadersTimeout (10 s) passes; the read then ends.
        var buffer = new byte[1024];
        var started = DateTime.UtcNow;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var answer = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        (DateTime.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromSeconds(8), "the timeout is 10 s, not less");
        if (answer.Length > 0)
        {
            answer.ToString().Should().StartWith("HTTP/1.1 408");
        }
    }
}
