using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Workers;

/// <summary>
/// <c>Workers:*</c>: whether this process does the background work, and how. The defaults suit
/// production; tests shorten the waits.
/// </summary>
public sealed class WorkerSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>How often the outbox is swept for work that no in-process signal announced.</summary>
    public double PollSeconds { get; init; } = 1;

    /// <summary>How long a claimed delivery or job run belongs to its claimer before others may take it over.</summary>
    public double LeaseSeconds { get; init; } = 60;

    /// <summary>Attempts of one delivery before it becomes a dead letter.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The first retry's wait; each further retry waits twice as long, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; init; } = 5;

    public double RetryMaxSeconds { get; init; } = 3600;

    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// Under a steady stream of writes, how long the fan-out lets events gather after a round
    /// that found some but not a full batch. Each round is a writer's turn on SQLite (a
    /// transaction on PostgreSQL) whatever its size; 0 fans out at once, round after round.
    /// </summary>
    public double FanOutGatherMilliseconds { get; init; } = 10;

    /// <summary>Deliveries running at once in this process, per consumer (each consumer has its own lane).</summary>
    public int Concurrency { get; init; } = 8;

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan FanOutGather => TimeSpan.FromMilliseconds(FanOutGatherMilliseconds);

    public static WorkerSettings From(IConfiguration configuration) =>
        configuration.GetSection("Workers").Get<WorkerSettings>() ?? new WorkerSettings();

    /// <summary>Exponential backoff with "equal jitter": half the wait is fixed, half random, so retries spread out.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var exponential = Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
    }
}
