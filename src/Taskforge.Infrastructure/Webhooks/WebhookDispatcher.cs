using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Application.Common;
using Taskforge.Infrastructure.Workers;

namespace Taskforge.Infrastructure.Webhooks;

/// <summary>
/// Sends webhook deliveries: keeps up to <see cref="WebhookSettings.Concurrency"/> in flight,
/// claims more under a lease as slots free up, and records each outcome (succeeded, retry on the
/// configured schedule, or failed). It wakes when this process queues deliveries and sweeps every
/// <see cref="WorkerSettings.PollSeconds"/> for the rest (other instances, retries, lost leases).
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    WebhookSender sender,
    WebhookSettings settings,
    WorkerSettings workers,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger
) : BackgroundService
{
    // Longer than the 10 s an attempt may take, so no one takes over a delivery still in flight.
    private TimeSpan Lease => workers.Lease > WebhookSettings.Timeout * 3 ? workers.Lease : WebhookSettings.Timeout * 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!workers.Enabled)
        {
            return;
        }

        await Task.Yield();
        var inFlight = new List<Task>();
        Task<bool>? wake = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            var free = settings.Concurrency - inFlight.Count;
            var claimed = 0;
            if (free > 0)
            {
                try
                {
                    foreach (var delivery in await ClaimAsync(free, stoppingToken))
                    {
                        inFlight.Add(DeliverAsync(delivery, stoppingToken));
                        claimed++;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    // The database may be down: keep sweeping, it will come back.
                    LogSweepFailed(logger, e);
                }
            }

            if (claimed > 0 && claimed == free)
            {
                continue;
            }

            // A signal, a sweep, or a finished delivery (which may let another of its webhook go).
            wake ??= signal.WaitAsync(workers.Poll, stoppingToken);
            await Task.WhenAny([wake, .. inFlight]);
            if (wake.IsCompleted)
            {
                wake = null;
            }
        }

        // In-flight deliveries see the stop, and hand their claims back.
        await Task.WhenAll(inFlight);
    }

    private async Task<IReadOnlyList<ClaimedWebhookDelivery>> ClaimAsync(int take, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<PendingWebhookDeliveries>();
        return await queue.ClaimAsync(time.Now(), Lease, take, ct);
    }

    private async Task DeliverAsync(ClaimedWebhookDelivery delivery, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            WebhookAttempt? attempt = null;
            try
            {
                attempt = await sender.SendAsync(delivery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutdown: handed back below, the attempt does not count.
            }

            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<PendingWebhookDeliveries>();
            if (attempt is null)
            {
                await queue.ReleaseAsync(delivery, CancellationToken.None);
                return;
            }

            if (!attempt.Succeeded)
            {
                LogAttemptFailed(logger, delivery.Id, delivery.WebhookId, delivery.Attempts, attempt.Error!);
            }

            // Recorded even while stopping: what was done stays done.
            await queue.RecordAsync(delivery, attempt, time.Now(), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease runs out and the delivery goes again.
            LogRecordFailed(logger, delivery.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook sweep failed; retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Webhook delivery {DeliveryId} to webhook {WebhookId} failed (attempt {Attempt}): {Error}"
    )]
    private static partial void LogAttemptFailed(
        ILogger logger,
        Guid deliveryId,
        Guid webhookId,
        int attempt,
        string error
    );

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} could not be recorded")]
    private static partial void LogRecordFailed(ILogger logger, Guid deliveryId, Exception exception);
}
