using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

public static class WebhookErrors
{
    public static Error NotFound { get; } = Error.NotFound("webhook");

    public static Error DeliveryNotFound { get; } = Error.NotFound("delivery");

    public static Error TooMany { get; } =
        Error.Invalid("body", $"A user can have at most {Webhook.MaxPerUser} webhooks; delete one first.");

    public static Error Inactive { get; } =
        Error.Conflict("The webhook is switched off; switch it on first (PATCH with active: true).");
}
