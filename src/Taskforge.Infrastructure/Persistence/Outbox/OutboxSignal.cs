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
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; it will see these events too.
        }
    }

    /// <summary>Waits for a signal (true), or for <paramref name="timeout"/> (false: the periodic sweep).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
