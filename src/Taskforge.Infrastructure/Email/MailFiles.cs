using Taskforge.Application.Jobs;

namespace Taskforge.Infrastructure.Email;

/// <summary>The .eml files written when no SMTP host is set.</summary>
public sealed class MailFiles(EmailSettings settings) : IMailFiles
{
    public int DeleteOlderThan(DateTimeOffset before)
    {
        var folder = Path.GetFullPath(settings.PickupFolder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            if (File.GetLastWriteTimeUtc(file) < before.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }
}
