using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Webhooks;

/// <summary><c>Webhooks:*</c>: the retry schedule of deliveries, and how many go out at once.</summary>
public sealed class WebhookSettings
{
    public static readonly TimeSpan[] DefaultRetryDelays =
    [
        .. new[] { 5, 60, 300, 1800, 7200, 21600, 43200 }.Select(s => TimeSpan.FromSeconds(s)),
    ];

    /// <summary>The waits before each retry; a delivery gets one attempt more than there are waits.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = DefaultRetryDelays;

    /// <summary>Deliveries in flight at once in this process.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Deliveries in flight at once to one webhook, across instances: a slow receiver holds only these.</summary>
    public int ConcurrencyPerWebhook { get; init; } = 2;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The most of a response body that is read (and thrown away).</summary>
    public const int MaxResponseBytes = 4096;

    // Read by hand: binding an array onto a default would append to it rather than replace it.
    public static WebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var delays = section
            .GetSection("RetryDelaysSeconds")
            .GetChildren()
            .OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .Select(c =>
                double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new Configuration.StartupException(
                        $"Webhooks:RetryDelaysSeconds:{c.Key} '{c.Value}' is not a number of seconds."
                    )
            )
            .ToList();
        return new WebhookSettings
        {
            RetryDelays = delays.Count > 0 ? delays : DefaultRetryDelays,
            Concurrency = section.GetValue("Concurrency", 16),
            ConcurrencyPerWebhook = section.GetValue("ConcurrencyPerWebhook", 2),
        };
    }

    /// <summary>When to try again after failed attempt number <paramref name="attempt"/> (1-based); null when that was the last.</summary>
    public TimeSpan? RetryDelay(int attempt) => attempt <= RetryDelays.Count ? RetryDelays[attempt - 1] : null;
}
