using Taskforge.Application.Jobs;

namespace Taskforge.Infrastructure.Scheduling;

/// <summary>Keeps each system report as <c>data/reports/&lt;date&gt;.md</c>.</summary>
public sealed class FileReportArchive : IReportArchive
{
    public const string Folder = "data/reports";

    public async Task SaveAsync(string date, string markdown, CancellationToken ct)
    {
        var folder = Path.GetFullPath(Folder);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{date}.md"), markdown, ct);
    }
}
