using System.Diagnostics;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// A span per outbox delivery (one consumer, one event), so the background work of a process shows
/// in its traces with the delivery's database statements as its children.
/// </summary>
public static class DeliveryTracing
{
    public const string SourceName = "Taskforge.Outbox";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A consumer span named after the channel, or null when nobody listens.</summary>
    public static Activity? StartDelivery(string consumer, Guid eventId, string? eventType, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        // Each delivery is its own trace: the request that recorded the event finished long ago.
        var activity = Source.StartActivity($"deliver {consumer}", ActivityKind.Consumer, parentContext: default);
        activity?.SetTag("taskforge.consumer", consumer);
        activity?.SetTag("taskforge.event.id", eventId.ToString());
        activity?.SetTag("taskforge.event.type", eventType);
        activity?.SetTag("taskforge.delivery.attempt", attempt);
        return activity;
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
