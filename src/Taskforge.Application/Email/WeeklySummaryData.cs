namespace Taskforge.Application.Email;

/// <summary>The data of an <c>internal.weekly_summary</c> event: what the summary mail says.</summary>
public sealed record WeeklySummaryData(
    int CompletedCount,
    int OverdueCount,
    IReadOnlyList<SummaryTask> Overdue,
    int ComingCount,
    IReadOnlyList<SummaryTask> Coming
);

public sealed record SummaryTask(Guid Id, string Title, DateTimeOffset? DueAt);

/// <summary>The data of an <c>internal.system_report</c> event: the report, for one administrator.</summary>
public sealed record SystemReportData(string Date, string Markdown);
