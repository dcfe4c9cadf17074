namespace Taskforge.Application.Webhooks;

/// <summary>The data of a <c>ping</c> event.</summary>
public sealed record WebhookPing(Guid WebhookId);

/// <summary>The data of <c>internal.webhook_disabled</c>: which webhook was switched off.</summary>
public sealed record WebhookDisabled(Guid WebhookId, string Url);
