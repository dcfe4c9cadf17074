using Taskforge.Domain.Common;

namespace Taskforge.Domain.Webhooks;

/// <summary>
/// A user's subscription: the events of theirs it wants, POSTed to <see cref="Url"/> and signed
/// with <see cref="Secret"/>. It switches itself off after <see cref="DisableAfterFailures"/>
/// deliveries in a row have failed.
/// </summary>
public sealed class Webhook : Entity
{
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 500;
    public const int MaxEvents = 20;
    public const int MaxPerUser = 20;
    public const int DisableAfterFailures = 20;

    /// <summary>The subscription to every public event type.</summary>
    public const string AllEvents = "*";

    public Guid OwnerId { get; private init; }

    public string Url { get; private set; } = "";

    public IReadOnlyList<string> Events { get; private set; } = [];

    public string? Description { get; private set; }

    /// <summary><c>whsec_</c> + base64 of the signing key; shown to its owner once, at creation.</summary>
    public string Secret { get; private init; } = "";

    public bool Active { get; private set; }

    /// <summary>Deliveries that ended <c>failed</c> since the last one that succeeded.</summary>
    public int ConsecutiveFailures { get; private set; }

    private Webhook() { }

    public Webhook(
        Guid ownerId,
        string url,
        IReadOnlyList<string> events,
        string? description,
        string secret,
        DateTimeOffset now
    )
        : base(now)
    {
        OwnerId = ownerId;
        Url = url;
        Events = events;
        Description = description;
        Secret = secret;
        Active = true;
    }

    public static Webhook Restore(WebhookRecord record) =>
        new()
        {
            Id = record.Id,
            OwnerId = record.OwnerId,
            Url = record.Url,
            Events = record.Events,
            Description = record.Description,
            Secret = record.Secret,
            Active = record.Active,
            ConsecutiveFailures = record.ConsecutiveFailures,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            DeletedAt = record.DeletedAt,
            Version = record.Version,
        };

    public bool Subscribes(string eventType) =>
        Events.Contains(AllEvents, StringComparer.Ordinal) || Events.Contains(eventType, StringComparer.Ordinal);

    /// <summary>Switching a webhook on forgives its past failures: the next 20 in a row switch it off again.</summary>
    public void Change(string url, IReadOnlyList<string> events, string? description, bool active, DateTimeOffset now)
    {
        if (active && !Active)
        {
            ConsecutiveFailures = 0;
        }

        Url = url;
        Events = events;
        Description = description;
        Active = active;
        Touch(now);
    }
}

/// <summary>A webhook as it is stored.</summary>
public sealed record WebhookRecord(
    Guid Id,
    Guid OwnerId,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string Secret,
    bool Active,
    int ConsecutiveFailures,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    long Version
);
