using System.Net;
using System.Net.Sockets;
using System.Text;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// SIGTERM against the built service with real Kestrel: a request in flight finishes, new
/// connections are refused, and the process exits cleanly within the shutdown timeout.
/// </summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_request_in_flight_at_sigterm_completes_while_new_connections_are_refused()
    {
        await using var service = ServiceProcess.Start();
        var address = await service.WaitUntilListeningAsync(Deadline);
        string token;
        using (var client = new HttpClient { BaseAddress = address })
        {
            token = await TestUsers.RegisterAndLogInAsync(client, "shutdown");
        }

        // "Expect: 100-continue" makes the server say when the endpoint starts reading the body:
        // from then on the request is in flight, held open by the body the test has not sent yet.
        var body = Encoding.UTF8.GetBytes("""{"name":"Finished after SIGTERM"}""");
        using var inFlight = new TcpClient();
        await inFlight.ConnectAsync(address.Host, address.Port);
        var stream = inFlight.GetStream();
        await stream.WriteAsync(
            Encoding.ASCII.GetBytes(
                $"POST /api/v1/projects HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n"
                    + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nExpect: 100-continue\r\n\r\n"
            )
        );
        (await ReadHeadAsync(stream)).Should().StartWith("HTTP/1.1 100");

        await service.TerminateAsync();

        await Infrastructure.Deadline.WaitUntilAsync(
            async () => !await AcceptsConnectionsAsync(address),
            TimeSpan.FromSeconds(10),
            "the listener to close"
        );
        await stream.WriteAsync(body);
        var response = await ReadHeadAsync(stream);
        response.Should().StartWith("HTTP/1.1 201", service.ToString());
        (await service.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, service.ToString());
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri address)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(address.Host, address.Port);
            return true;
        }
        // Reset: the probe was still in the accept queue when the listening socket closed.
        catch (SocketException e)
            when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return false;
        }
    }

    // The status line and headers of one response, read a byte at a time so nothing after them is consumed.
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
