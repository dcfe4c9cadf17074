using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly Process _process;
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refused;
    private int _authRefused;

    private SmtpSink(Process process) => _process = process;

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

        var sink = new SmtpSink(new Process { StartInfo = NodePeer.Script("smtp-sink.mjs", [.. arguments]) });
        sink._process.OutputDataReceived += (_, line) => sink.Read(line.Data);
        sink._process.Start();
        sink._process.BeginOutputReadLine();
        sink._process.BeginErrorReadLine();
        var started = await Task.WhenAny(sink._listening.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        if (started != sink._listening.Task)
        {
            await sink.DisposeAsync();
            throw new TimeoutException("The SMTP sink did not start listening within 20 s.");
        }

        sink.Port = await sink._listening.Task;
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith('{'))
        {
            return;
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        switch (root.GetProperty("event").GetString())
        {
            case "listening":
                _listening.TrySetResult(root.GetProperty("port").GetInt32());
                break;
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
