using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server (npm smtp-server, tests/node/smtp-sink.mjs) on loopback; every message it
/// accepts is parsed (mailparser) and kept here. It can refuse the first messages, as a relay
/// under strain does.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private NodePeerProcess _peer = null!;
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private int _refused;
    private int _authRefused;

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedMail> Mails => _mails.ToArray();

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Logins refused (only with <c>requireLogin</c>: any other user name or password fails).</summary>
    public int AuthRefused => Volatile.Read(ref _authRefused);

    public static async Task<SmtpSink> StartAsync(int refuseFirst = 0, int? port = null, string? requireLogin = null)
    {
        var arguments = new List<string>
        {
            "--refuse",
            refuseFirst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (requireLogin is not null)
        {
            arguments.AddRange(["--auth", requireLogin]);
        }

        if (port is { } fixedPort)
        {
            arguments.AddRange(["--port", fixedPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var sink = new SmtpSink();
        (sink._peer, sink.Port) = await NodePeerProcess.StartListeningAsync(
            "smtp-sink.mjs",
            "The SMTP sink",
            sink.On,
            [.. arguments]
        );
        return sink;
    }

    /// <summary>A loopback port nothing listens on (yet): an SMTP relay that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public IReadOnlyList<ReceivedMail> MailsTo(string address) =>
        Mails.Where(m => m.To?.Contains(address, StringComparison.OrdinalIgnoreCase) == true).ToList();

    public async Task<ReceivedMail> WaitForMailAsync(string to, string subjectPart, TimeSpan? timeout = null)
    {
        ReceivedMail? found = null;
        await Deadline.WaitUntilAsync(
            () =>
            {
                found = MailsTo(to)
                    .FirstOrDefault(m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true);
                return Task.FromResult(found is not null);
            },
            timeout ?? TimeSpan.FromSeconds(20),
            $"a mail to {to} about '{subjectPart}'"
        );
        return found!;
    }

    public ValueTask DisposeAsync() => _peer.DisposeAsync();

    private void On(string name, JsonElement root, string line)
    {
        switch (name)
        {
            case "refused":
                Interlocked.Increment(ref _refused);
                break;
            case "auth-refused":
                Interlocked.Increment(ref _authRefused);
                break;
            case "mail":
                _mails.Enqueue(root.Deserialize<ReceivedMail>(JsonSerializerOptions.Web)!);
                break;
        }
    }
}

public sealed record ReceivedMail(
    string? MessageId,
    string? From,
    string? To,
    string? Subject,
    string? Text,
    string? Html,
    string? ContentType
);
