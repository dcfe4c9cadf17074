using System.Globalization;
using System.Text;
using Taskforge.Application.Common;
using Taskforge.Application.Email;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Jobs;

/// <summary>
/// <c>system-report</c>: the week in figures (accounts, tasks created and completed, requests,
/// error rate, p95 latency), kept as <c>data/reports/&lt;date&gt;.md</c> and mailed to every administrator.
/// </summary>
public sealed class WriteSystemReport(
    ISummaries summaries,
    IReportArchive archive,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox
) : IScheduledJob
{
    public string Name => "system-report";

    public string DefaultCron => "0 0 3 ? * SUN";

    public async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var from = now - TimeSpan.FromDays(7);
        var figures = await summaries.SystemFiguresAsync(from, now, ct);
        var date = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var markdown = Render(date, from, now, figures);
        await archive.SaveAsync(date, markdown, ct);

        var admins = await summaries.ListAdministratorIdsAsync(ct);
        await using var transaction = await unitOfWork.BeginAsync(ct);
        await outbox.RecordAsync(
            admins
                .Select(id => DomainEvent.Of(EventTypes.SystemReport, id, new SystemReportData(date, markdown), now))
                .ToList(),
            ct
        );
        await transaction.CommitAsync(ct);
    }

    public static string Render(string date, DateTimeOffset from, DateTimeOffset to, SystemFigures figures)
    {
        var errorRate = figures.Requests == 0 ? 0 : 100.0 * figures.Errors / figures.Requests;
        var p95 = figures.P95Milliseconds switch
        {
            null => "no requests recorded",
            double.PositiveInfinity => "over 10 s",
            var ms => $"at most {ms:0.#} ms",
        };
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Taskforge system report {date}")
            .AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Week from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC."
            )
            .AppendLine()
            .AppendLine("| figure | value |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| users | {figures.Users} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| new users | {figures.NewUsers} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| tasks created | {figures.TasksCreated} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| tasks completed | {figures.TasksCompleted} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| requests | {figures.Requests} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| error rate (5xx) | {errorRate:0.##} % |")
            .AppendLine(CultureInfo.InvariantCulture, $"| p95 latency | {p95} |")
            .ToString();
    }
}

/// <summary>Where system reports are kept (<c>data/reports/</c>).</summary>
public interface IReportArchive
{
    Task SaveAsync(string date, string markdown, CancellationToken ct);
}
