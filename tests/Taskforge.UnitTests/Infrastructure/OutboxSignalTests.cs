using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>The wake-up signals: many notifications are one wake-up, and a pending one costs no exception.</summary>
public sealed class OutboxSignalTests
{
    [Fact]
    public async Task Many_notifications_wake_the_outbox_once_and_throw_nothing_while_one_is_pending()
    {
        using var signal = new OutboxSignal();
        await ManyNotificationsAreOneWakeUpWithoutExceptionsAsync(
            signal.Notify,
            timeout => signal.WaitAsync(timeout, CancellationToken.None)
        );
    }

    [Fact]
    public async Task Many_notifications_wake_the_webhook_loop_once_and_throw_nothing_while_one_is_pending()
    {
        using var signal = new WebhookSignal();
        await ManyNotificationsAreOneWakeUpWithoutExceptionsAsync(
            signal.Notify,
            timeout => signal.WaitAsync(timeout, CancellationToken.None)
        );
    }

    private static async Task ManyNotificationsAreOneWakeUpWithoutExceptionsAsync(
        Action notify,
        Func<TimeSpan, Task<bool>> wait
    )
    {
        var refusals = SemaphoreRefusalsDuring(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                notify();
            }
        });

        refusals.Should().Be(0, "a commit that finds a wake-up pending must not pay for an exception");
        (await wait(TimeSpan.FromSeconds(5))).Should().BeTrue();
        (await wait(TimeSpan.FromMilliseconds(50))).Should().BeFalse("the hundred notifications were one wake-up");
    }

    // First-chance SemaphoreFullExceptions thrown on this thread while the action runs.
    private static int SemaphoreRefusalsDuring(Action action)
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

        return refusals;
    }
}
