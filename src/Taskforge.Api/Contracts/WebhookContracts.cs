using Taskforge.Application.Webhooks;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Api.Contracts;

/// <summary>The body of POST.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string?>? Events, string? Description);

/// <summary>The body of PATCH (a merge patch), for the API document.</summary>
public sealed record WebhookPatchRequest(
    string? Url,
    IReadOnlyList<string?>? Events,
    string? Description,
    bool? Active
);

/// <summary>A webhook as GET shows it: never its secret.</summary>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Active,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public static WebhookResponse From(Webhook webhook) =>
        new(
            webhook.Id,
            webhook.Url,
            webhook.Events,
            webhook.Description,
            webhook.Active,
            webhook.CreatedAt.UtcDateTime,
            webhook.UpdatedAt.UtcDateTime
        );
}

/// <summary>The answer to POST: the webhook and, this once, its signing secret.</summary>
public sealed record CreatedWebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Active,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string Secret
)
{
    public static CreatedWebhookResponse From(Webhook webhook) =>
        new(
            webhook.Id,
            webhook.Url,
            webhook.Events,
            webhook.Description,
            webhook.Active,
            webhook.CreatedAt.UtcDateTime,
            webhook.UpdatedAt.UtcDateTime,
            webhook.Secret
        );
}

/// <summary>One entry of a webhook's delivery log; <c>status</c> is pending, succeeded or failed.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid EventId,
    string EventType,
    int Attempts,
    string Status,
    int? ResponseStatus,
    DateTime? LastAttemptAt,
    DateTime? NextAttemptAt
)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery) =>
        new(
            delivery.Id,
            delivery.EventId,
            delivery.EventType,
            delivery.Attempts,
            delivery.Status switch
            {
                WebhookDeliveryStatus.Succeeded => "succeeded",
                WebhookDeliveryStatus.Failed => "failed",
                _ => "pending",
            },
            delivery.ResponseStatus,
            delivery.LastAttemptAt?.UtcDateTime,
            delivery.NextAttemptAt?.UtcDateTime
        );
}
