using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Push;

namespace Taskforge.Api.Contracts;

public sealed record VapidPublicKeyResponse(string PublicKey);

/// <summary>A browser's <c>PushSubscription</c>, as <c>JSON.stringify(subscription)</c> writes it.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, PushSubscriptionKeys? Keys);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

public sealed record PushSubscriptionResponse(Guid Id, string Endpoint, DateTime CreatedAt)
{
    public static PushSubscriptionResponse From(PushSubscription subscription) =>
        new(subscription.Id, subscription.Endpoint, subscription.CreatedAt.UtcDateTime);
}

// Init properties, not a positional record: for constructor parameters the Request Delegate
// Generator writes typeof(string?), which does not compile (CS8639).
public sealed record PushSubscriptionListRequest
{
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public Result<(int Limit, PushSubscriptionListKey? After)> Read(Cursors cursors) =>
        PageParameters.Read(Limit, Cursor, cursors, ApiJson.Default.PushSubscriptionListKey);
}
