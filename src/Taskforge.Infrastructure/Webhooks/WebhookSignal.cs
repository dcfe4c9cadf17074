namespace Taskforge.Infrastructure.Webhooks;

/// <summary>
/// Wakes this process's webhook loop as soon as deliveries are queued here (by the event consumer,
/// a ping, a redelivery), so sending does not wait for the next sweep. Many signals count as one.
/// </summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Under load a wake-up is nearly always pending already: no need to ask the semaphore,
        // whose refusal is an exception (one per committed write, before this check).
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another thread's wake-up came first; it will see these deliveries too.
        }
    }

    /// <summary>Waits for a signal, or for <paramref name="timeout"/> (the periodic sweep).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
