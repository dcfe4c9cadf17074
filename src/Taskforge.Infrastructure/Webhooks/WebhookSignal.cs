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
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; it will see these deliveries too.
        }
    }

    /// <summary>Waits for a signal, or for <paramref name="timeout"/> (the periodic sweep).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
