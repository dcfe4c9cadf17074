using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>The wake-up signals: many notifications are one wake-up, and a pending one costs no exception.</summary>
public sealed class OutboxSignalTests
{
    [Fact]
    public async Task Many_notifications_wake_the_waiter_once_and_throw_nothing_while_one_is_pending()
    {
        using var signal = new OutboxSignal();
        var refusals = await SemaphoreRefusalsDuringAsync(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                signal.Notify();
            }
        });

        refusals.Should().Be(0, "a commit that finds a wake-up pending must not pay for an exception");
        (await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)).Should().BeTrue();
        (await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task The_webhook_signal_also_counts_many_notifications_as_one_without_exceptions()
    {
        using var signal = new WebhookSignal();
        var refusals = await SemaphoreRefusalsDuringAsync(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                signal.Notify();
            }
        });

        refusals.Should().Be(0);
        (await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)).Should().BeTrue();
        (await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None)).Should().BeFalse();
    }

    // First-chance SemaphoreFullExceptions thrown on this thread while the action runs.
    private static Task<int> SemaphoreRefusalsDuringAsync(Action action)
    {
        var thread = Environment.CurrentManagedThreadId;
        var refusals = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is SemaphoreFullException && Environment.CurrentManagedThreadId == thread)
            {
                Interlocked.Increment(ref refusals);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            action();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        return Task.FromResult(refusals);
    }
}
