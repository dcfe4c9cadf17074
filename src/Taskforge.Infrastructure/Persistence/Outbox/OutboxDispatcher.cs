using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Application.Events;
using Taskforge.Infrastructure.Telemetry;
using Taskforge.Infrastructure.Workers;

namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>
/// Delivers the outbox. One loop fans new events out to the consumers that accept them; then
/// each consumer has a lane of its own that claims its due deliveries under a lease, runs them,
/// and records success, a retry with backoff, or a dead letter. Lanes do not wait for each other,
/// so a slow consumer (an SMTP relay) never holds back a fast one (the hub). The fan-out wakes at
/// once when this process commits events and sweeps every <see cref="WorkerSettings.PollSeconds"/>
/// for the rest (other instances' events); each lane wakes when the fan-out gives it work, and
/// sweeps as often for retries and leases of crashed processes.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    WorkerSettings settings,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        await Task.Yield();
        IReadOnlyList<IEventConsumer> consumers;
        await using (var scope = scopes.CreateAsyncScope())
        {
            consumers = scope.ServiceProvider.GetServices<IEventConsumer>().ToList();
        }

        var lanes = consumers.ToDictionary(c => c.Name, _ => new OutboxSignal());
        try
        {
            await Task.WhenAll([
                SweepAsync(signal, signalled => FanOutOnceAsync(lanes, signalled, stoppingToken), stoppingToken),
                .. lanes.Select(lane =>
                    SweepAsync(
                        lane.Value,
                        async woken => await DeliverOnceAsync(lane.Key, woken, stoppingToken) ? Round.Full : Round.Idle,
                        stoppingToken
                    )
                ),
            ]);
        }
        finally
        {
            foreach (var lane in lanes.Values)
            {
                lane.Dispose();
            }
        }
    }

    /// <summary>What a round found: nothing, some work, or as much as it takes at once.</summary>
    private enum Round
    {
        Idle,
        Some,
        Full,
    }

    /// <summary>
    /// Runs a round at once again while it finds a full batch, after a short gathering pause
    /// while it finds some work, otherwise after a signal or the sweep interval; the round learns
    /// whether a signal woke it.
    /// </summary>
    private async Task SweepAsync(OutboxSignal wake, Func<bool, Task<Round>> round, CancellationToken stoppingToken)
    {
        var signalled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var found = Round.Idle;
            try
            {
                found = await round(signalled);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down: keep sweeping, it will come back.
                LogSweepFailed(logger, e);
            }

            signalled = false;
            if (found == Round.Some && settings.FanOutGather > TimeSpan.Zero)
            {
                // Every commit signals; without a pause each round would take the few events of
                // one group commit, a writer's turn each (measured: about 8 events a round under
                // the bench's creates, against about 40 with 10 ms).
                try
                {
                    await Task.Delay(settings.FanOutGather, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            else if (found == Round.Idle)
            {
                try
                {
                    signalled = await wake.WaitAsync(settings.Poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Turns waiting events into deliveries and wakes the lanes that got some.</summary>
    private async Task<Round> FanOutOnceAsync(
        Dictionary<string, OutboxSignal> lanes,
        bool signalled,
        CancellationToken stoppingToken
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<OutboxDeliveries>();
        var fannedOut = await queue.FanOutAsync(
            scope.ServiceProvider.GetServices<IEventConsumer>().ToList(),
            settings.BatchSize,
            signalled,
            stoppingToken
        );

        // A signal without new events announced deliveries made due again (a dead letter retried):
        // any lane may have them.
        var wake = signalled && fannedOut.Events == 0 ? lanes.Keys : fannedOut.Consumers;
        foreach (var consumer in wake)
        {
            lanes[consumer].Notify();
        }

        return fannedOut.Events == 0 ? Round.Idle
            : fannedOut.Events < settings.BatchSize ? Round.Some
            : Round.Full;
    }

    /// <summary>
    /// One round of one consumer's lane: claim, deliver, record. True when there was work (look
    /// again at once). <paramref name="woken"/>: the fan-out announced deliveries for this lane.
    /// </summary>
    private async Task<bool> DeliverOnceAsync(string consumer, bool woken, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<OutboxDeliveries>();
        var claimed = await queue.ClaimAsync(
            consumer,
            time.GetUtcNow(),
            settings.Lease,
            settings.BatchSize,
            woken,
            stoppingToken
        );
        if (claimed.Count == 0)
        {
            return false;
        }

        var outcomes = new List<DeliveryOutcome>(claimed.Count);
        var unfinished = new List<ClaimedDelivery>();
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
            async (delivery, _) =>
            {
                var outcome = await DeliverAsync(delivery, stoppingToken);
                lock (outcomes)
                {
                    if (outcome is null)
                    {
                        unfinished.Add(delivery);
                    }
                    else
                    {
                        outcomes.Add(outcome);
                    }
                }
            }
        );

        // Recorded even while stopping: what was done stays done, what was not is handed back.
        await queue.RecordAsync(outcomes, time.GetUtcNow(), CancellationToken.None);
        await queue.ReleaseAsync(unfinished, CancellationToken.None);
        return true;
    }

    /// <summary>Runs one consumer on one event; null when shutdown interrupted it.</summary>
    private async Task<DeliveryOutcome?> DeliverAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        using var span = DeliveryTracing.StartDelivery(
            delivery.Consumer,
            delivery.EventId,
            delivery.Envelope?.Type,
            delivery.Attempts
        );
        try
        {
            if (delivery.Envelope is not { } envelope)
            {
                throw new InvalidOperationException($"Event {delivery.EventId} is missing from the outbox.");
            }

            await using var scope = scopes.CreateAsyncScope();
            var consumer =
                scope.ServiceProvider.GetServices<IEventConsumer>().FirstOrDefault(c => c.Name == delivery.Consumer)
                ?? throw new InvalidOperationException(
                    $"No consumer named '{delivery.Consumer}' runs in this process."
                );
            await consumer.DeliverAsync(envelope, stoppingToken);
            return new DeliveryOutcome(delivery, null, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            DeliveryTracing.Failed(span, e);
            var giveUp = delivery.Attempts >= settings.MaxAttempts && e is not ChannelUnavailableException;
            LogDeliveryFailed(
                logger,
                delivery.Consumer,
                delivery.EventId,
                delivery.Attempts,
                giveUp,
                e.GetType().Name,
                e.Message
            );
            var retryAt = giveUp ? (DateTimeOffset?)null : time.GetUtcNow() + settings.RetryDelay(delivery.Attempts);
            return new DeliveryOutcome(delivery, Describe(e), retryAt);
        }
    }

    // What an admin reads in the dead-letter list: the failure, never a stack trace.
    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed; retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Delivery to {Consumer} of event {EventId} failed (attempt {Attempt}, giving up: {GaveUp}): {ErrorType}: {Error}"
    )]
    private static partial void LogDeliveryFailed(
        ILogger logger,
        string consumer,
        Guid eventId,
        int attempt,
        bool gaveUp,
        string errorType,
        string error
    );
}
