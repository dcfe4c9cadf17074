namespace Taskforge.Application.Events;

/// <summary>
/// Thrown by a consumer whose far end cannot be reached at all (a broker that is down). Such an
/// attempt says nothing about the event, so it never counts towards a dead letter: the delivery
/// waits, retried with backoff, for as long as the outage lasts.
/// </summary>
public class ChannelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
