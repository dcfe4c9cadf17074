namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping for a guessed time.</summary>
public static class Deadline
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
