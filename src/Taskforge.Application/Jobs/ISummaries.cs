using Taskforge.Application.Email;

namespace Taskforge.Application.Jobs;

/// <summary>The read side of the weekly summary and the system report.</summary>
public interface ISummaries
{
    /// <summary>Live accounts in id order, after <paramref name="afterId"/>: the summary job walks them in batches.</summary>
    Task<IReadOnlyList<Guid>> ListUserIdsAsync(Guid? afterId, int take, CancellationToken ct);

    Task<WeeklySummaryData> SummarizeWeekAsync(Guid userId, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<Guid>> ListAdministratorIdsAsync(CancellationToken ct);

    Task<SystemFigures> SystemFiguresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>A week of the whole system, for the report.</summary>
public sealed record SystemFigures(
    long Users,
    long NewUsers,
    long TasksCreated,
    long TasksCompleted,
    long Requests,
    long Errors,
    double? P95Milliseconds
);
