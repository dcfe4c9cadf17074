using Taskforge.Application.Common;

namespace Taskforge.Application.Notifications;

/// <summary>Sets some or all of the caller's notification switches; every channel reads them when it sends.</summary>
public sealed class ChangeNotificationSettings(INotificationSettingsRepository settings, TimeProvider time)
{
    public async Task<Result<NotificationSettings>> ExecuteAsync(
        Guid userId,
        NotificationSettingsChanges changes,
        long? expectedVersion,
        CancellationToken ct
    )
    {
        var current = await settings.GetAsync(userId, ct);
        if (expectedVersion is { } expected && expected != current.Version)
        {
            return Error.VersionMismatch;
        }

        var changed = changes.ApplyTo(current);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        await settings.SaveAsync(userId, changed.Value, time.Now(), ct);
        return changed.Value;
    }
}
