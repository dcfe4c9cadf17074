namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>
/// Wakes this process's dispatcher as soon as a transaction that recorded events commits, so
/// delivery does not wait for the next sweep (the dispatcher's fan-out wakes its lanes with
/// signals of their own). Many signals before a wake-up count as one.
/// </summary>
public sealed class OutboxSignal : IDisposable
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
            // Another thread's wake-up came first; it will see these events too.
        }
    }

    /// <summary>Waits for a signal (true), or for <paramref name="timeout"/> (false: the periodic sweep).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
