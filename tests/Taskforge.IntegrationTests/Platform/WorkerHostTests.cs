using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// API instances with <c>Workers:Enabled=false</c> leave the background work to a separate
/// <c>Taskforge.Worker</c> process on the same database, which picks it up, and after a kill -9
/// a new worker finishes what the dead one had claimed.
/// </summary>
public abstract class WorkerHostTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task An_api_without_workers_leaves_the_mail_to_the_worker_process()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var api = (await instances.StartAsync()).With("Workers:Enabled", "false").WithSmtp(sink.Port);

        var user = await api.RegisterAsync();
        (await api.CountAsync("SELECT COUNT(*) FROM event_deliveries", Guid.Empty))
            .Should()
            .Be(0, "no process does background work yet");

        await using var worker = ServiceProcess.StartWorker(WorkerEnvironment(api, sink.Port));
        await worker.WaitUntilStartedAsync(TimeSpan.FromSeconds(30));

        await sink.WaitForMailAsync(user.Email, "Welcome");
        worker.Output.Should().NotContain("Now listening", "the worker serves no HTTP");
    }

    [Fact]
    public async Task A_worker_killed_while_the_relay_refuses_is_replaced_and_the_mail_arrives_once()
    {
        var port = SmtpSink.FreePort();
        await using var instances = new Instances(newApp);
        var api = (await instances.StartAsync()).With("Workers:Enabled", "false");
        var user = await api.RegisterAsync();

        var environment = WorkerEnvironment(api, port);
        await using (var first = ServiceProcess.StartWorker(environment))
        {
            await first.WaitUntilStartedAsync(TimeSpan.FromSeconds(30));
            await Deadline.WaitUntilAsync(
                async () =>
                    await api.CountAsync(
                        "SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id "
                            + "WHERE e.user_id = @id AND d.consumer = 'mail' AND d.attempts >= 1",
                        user.Id
                    ) == 1,
                TimeSpan.FromSeconds(20),
                "the first worker to attempt the welcome mail"
            );
            await first.KillAsync();
        }

        await using var sink = await SmtpSink.StartAsync(port: port);
        await using var second = ServiceProcess.StartWorker(environment);
        await second.WaitUntilStartedAsync(TimeSpan.FromSeconds(30));

        await sink.WaitForMailAsync(user.Email, "Welcome", TimeSpan.FromSeconds(30));
        await Deadline.WaitUntilAsync(
            async () => await api.DeliveredCountAsync(user.Id, "mail") == 1,
            TimeSpan.FromSeconds(10),
            "the delivery to be recorded"
        );
        sink.MailsTo(user.Email).Should().ContainSingle();
    }

    [Fact]
    public async Task A_worker_stopped_by_sigterm_mid_delivery_hands_the_delivery_back_for_another_at_once()
    {
        var port = SmtpSink.FreePort();
        await using var instances = new Instances(newApp);
        var api = (await instances.StartAsync()).With("Workers:Enabled", "false");
        var user = await api.RegisterAsync();
        var environment = WorkerEnvironment(api, port);

        // A lease far longer than the test: only a hand-back lets the next worker deliver in time.
        environment["Workers__LeaseSeconds"] = "600";
        const string MailInFlight =
            "SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id "
            + "WHERE e.user_id = @id AND d.consumer = 'mail' AND d.status = 0 AND d.lease_until IS NOT NULL";

        // A relay that accepts and never greets: the delivery hangs, claimed, until the worker stops.
        var silentRelay = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        silentRelay.Start();
        try
        {
            await using var first = ServiceProcess.StartWorker(environment);
            await first.WaitUntilStartedAsync(TimeSpan.FromSeconds(30));
            using var held = await silentRelay.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
            (await api.CountAsync(MailInFlight, user.Id)).Should().Be(1, "the welcome mail is claimed");

            await first.TerminateAsync();

            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, first.ToString());
            (await api.CountAsync(MailInFlight, user.Id)).Should().Be(0, "the claim was handed back");
        }
        finally
        {
            silentRelay.Stop();
        }

        await using var sink = await SmtpSink.StartAsync(port: port);
        await using var second = ServiceProcess.StartWorker(environment);
        await sink.WaitForMailAsync(user.Email, "Welcome", TimeSpan.FromSeconds(30));
    }

    /// <summary>A worker's environment: the API's database, the SMTP sink, and short sweeps, retries and leases.</summary>
    internal static Dictionary<string, string> WorkerEnvironment(TaskforgeApp api, int smtpPort)
    {
        var environment = api.DatabaseEnvironment();
        environment["Email__Smtp__Host"] = "127.0.0.1";
        environment["Email__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Workers__PollSeconds"] = "0.1";
        environment["Workers__RetryBaseSeconds"] = "0.05";
        environment["Workers__RetryMaxSeconds"] = "0.3";
        environment["Workers__LeaseSeconds"] = "3";
        return environment;
    }
}

public sealed class SqliteWorkerHostTests() : WorkerHostTests(() => new SqliteApp());

public sealed class PostgresWorkerHostTests() : WorkerHostTests(() => new PostgresApp());
