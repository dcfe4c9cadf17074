using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Notifications;

namespace Taskforge.Api.Contracts;

public sealed record NotificationSettingsResponse(bool EmailReminders, bool EmailWeeklySummary, bool PushReminders)
{
    public static NotificationSettingsResponse From(NotificationSettings settings) =>
        new(settings.EmailReminders, settings.EmailWeeklySummary, settings.PushReminders);
}

/// <summary>The body of PUT: every member required.</summary>
public sealed record NotificationSettingsRequest(bool? EmailReminders, bool? EmailWeeklySummary, bool? PushReminders);

/// <summary>The shape of a notification settings merge patch, for the API document.</summary>
public sealed record NotificationSettingsPatchRequest(
    bool? EmailReminders,
    bool? EmailWeeklySummary,
    bool? PushReminders
);

public sealed record NotificationResponse(
    Guid Id,
    string Type,
    string Title,
    string Body,
    Guid? TaskId,
    DateTime CreatedAt,
    DateTime? ReadAt
)
{
    public static NotificationResponse From(Notification notification) =>
        new(
            notification.Id,
            notification.Type,
            notification.Title,
            notification.Body,
            notification.TaskId,
            notification.CreatedAt.UtcDateTime,
            notification.ReadAt?.UtcDateTime
        );
}

public sealed record UnreadCountResponse(long Count);

// Init properties, not a positional record: for constructor parameters the Request Delegate
// Generator writes typeof(string?), which does not compile (CS8639).
/// <summary>The query string of <c>GET /api/v1/notifications</c>, read as text so that every bad value becomes a field error.</summary>
public sealed record NotificationListRequest
{
    [FromQuery(Name = "unread")]
    public string? Unread { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public Result<(bool UnreadOnly, int Limit, NotificationListKey? After)> Read(Cursors cursors)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var page = PageParameters.Read(Limit, Cursor, cursors, ApiJson.Default.NotificationListKey);
        if (!page.IsSuccess)
        {
            foreach (var (field, messages) in page.Error.Fields!)
            {
                fields[field] = messages;
            }
        }

        bool? unreadOnly = Unread switch
        {
            null or "false" => false,
            "true" => true,
            _ => null,
        };
        if (unreadOnly is null)
        {
            fields["unread"] = ["must be true or false."];
        }

        return fields.Count == 0 ? (unreadOnly!.Value, page.Value.Limit, page.Value.After) : Error.Invalid(fields);
    }
}
