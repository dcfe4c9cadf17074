using Taskforge.Application.Common;

namespace Taskforge.Application.Notifications;

/// <summary>A PUT (every member named) or a merge patch (some) of a user's notification settings.</summary>
public sealed record NotificationSettingsChanges(
    Optional<bool?> EmailReminders,
    Optional<bool?> EmailWeeklySummary,
    Optional<bool?> PushReminders
)
{
    public static NotificationSettingsChanges All(
        bool? emailReminders,
        bool? emailWeeklySummary,
        bool? pushReminders
    ) =>
        new(
            Optional<bool?>.Of(emailReminders),
            Optional<bool?>.Of(emailWeeklySummary),
            Optional<bool?>.Of(pushReminders)
        );

    public Result<NotificationSettings> ApplyTo(NotificationSettings current)
    {
        var validator = new Validator();
        var settings = new NotificationSettings(
            Read(validator, "emailReminders", EmailReminders, current.EmailReminders),
            Read(validator, "emailWeeklySummary", EmailWeeklySummary, current.EmailWeeklySummary),
            Read(validator, "pushReminders", PushReminders, current.PushReminders)
        );
        return validator.IsValid ? settings : validator.ToError();
    }

    // These are switches: they can be set, never cleared.
    private static bool Read(Validator validator, string field, Optional<bool?> change, bool current)
    {
        if (!change.IsPresent)
        {
            return current;
        }

        if (change.Value is { } value)
        {
            return value;
        }

        validator.Add(field, "must be true or false.");
        return current;
    }
}
