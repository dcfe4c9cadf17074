namespace Taskforge.Application.Push;

/// <summary>A browser's <c>PushSubscription</c>: where to send, and the keys to encrypt for (base64url).</summary>
public sealed record PushSubscription(
    Guid Id,
    Guid UserId,
    string Endpoint,
    string P256dh,
    string Auth,
    DateTimeOffset CreatedAt
);

/// <summary>A keyset position in a user's subscriptions (oldest first).</summary>
public sealed record PushSubscriptionListKey(Guid Id);

/// <summary>How one subscription took one event: sent, gone (404/410: the subscription is removed) or refused for good.</summary>
public enum PushOutcome
{
    Delivered,
    Gone,
    Refused,
}

public interface IPushSubscriptionRepository
{
    Task<PushSubscription?> FindByEndpointAsync(Guid userId, string endpoint, CancellationToken ct);

    /// <summary>Stores it unless the user has that endpoint already; false when they did.</summary>
    Task<bool> AddAsync(PushSubscription subscription, CancellationToken ct);

    Task<long> CountAsync(Guid userId, CancellationToken ct);

    Task<IReadOnlyList<PushSubscription>> ListAsync(
        Guid userId,
        PushSubscriptionListKey? after,
        int take,
        CancellationToken ct
    );

    /// <summary>False when the user has no subscription with that id.</summary>
    Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken ct);

    /// <summary>The subscriptions that have not yet taken this event (sent, gone or refused).</summary>
    Task<IReadOnlyList<PushSubscription>> PendingAsync(Guid userId, Guid eventId, CancellationToken ct);

    /// <summary>Records how a subscription took an event, so a retry of the event skips it.</summary>
    Task RecordAsync(Guid eventId, Guid subscriptionId, PushOutcome outcome, DateTimeOffset at, CancellationToken ct);
}

/// <summary>The Web Push channel (RFC 8030/8291/8292): its public key, its address rules, and sending.</summary>
public interface IPushService
{
    /// <summary>The VAPID public key (base64url); null when push is off.</summary>
    string? PublicKey { get; }

    /// <summary>Why the endpoint may not be used (scheme, length, address rules), or null when it may.</summary>
    Task<string?> RefuseEndpointAsync(string endpoint, CancellationToken ct);

    /// <summary>Whether the text is base64url of an uncompressed P-256 point on the curve.</summary>
    bool IsClientKey(string p256dh);

    /// <summary>Sends one encrypted message; throws when the push service asks to try again later (429, 5xx, no answer).</summary>
    Task<PushOutcome> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken ct);
}
