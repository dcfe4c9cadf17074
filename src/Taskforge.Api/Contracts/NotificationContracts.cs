using Taskforge.Application.Notifications;

namespace Taskforge.Api.Contracts;

public sealed record NotificationSettingsResponse(bool EmailReminders, bool EmailWeeklySummary, bool PushReminders)
{
    public static NotificationSettingsResponse From(NotificationSettings settings) =>
        new(settings.EmailReminders, settings.EmailWeeklySummary, settings.PushReminders);
}

/// <summary>The body of PUT (every member required) and, for the API document, of a merge patch.</summary>
public sealed record NotificationSettingsRequest(bool? EmailReminders, bool? EmailWeeklySummary, bool? PushReminders);
