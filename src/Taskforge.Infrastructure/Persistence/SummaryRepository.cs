using Taskforge.Application.Email;
using Taskforge.Application.Jobs;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>The reads behind the weekly summary and the system report.</summary>
public sealed class SummaryRepository(DbSession db) : ISummaries
{
    private const int ListedTasks = 10;

    private bool Postgres => db.Factory.Provider == DatabaseProvider.Postgres;

    private string True => Postgres ? "true" : "1";

    private string False => Postgres ? "false" : "0";

    public Task<IReadOnlyList<Guid>> ListUserIdsAsync(Guid? afterId, int take, CancellationToken ct) =>
        db.QueryAsync<Guid>(
            $"""
            SELECT id FROM users WHERE deleted_at IS NULL {(afterId is null ? "" : "AND id > @afterId")}
            ORDER BY id LIMIT @take
            """,
            new { afterId, take },
            ct
        );

    public async Task<WeeklySummaryData> SummarizeWeekAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var weekAgo = now - TimeSpan.FromDays(7);
        var weekAhead = now + TimeSpan.FromDays(7);
        var live = "owner_id = @userId AND deleted_at IS NULL";
        var parameters = new
        {
            userId,
            now,
            weekAgo,
            weekAhead,
            take = ListedTasks,
        };
        var completed = await CountAsync($"{live} AND completed = {True} AND completed_at >= @weekAgo", parameters, ct);
        var overdueWhere = $"{live} AND completed = {False} AND due_at < @now";
        var comingWhere = $"{live} AND completed = {False} AND due_at >= @now AND due_at < @weekAhead";
        return new WeeklySummaryData(
            completed,
            await CountAsync(overdueWhere, parameters, ct),
            await ListAsync(overdueWhere, parameters, ct),
            await CountAsync(comingWhere, parameters, ct),
            await ListAsync(comingWhere, parameters, ct)
        );
    }

    public Task<IReadOnlyList<Guid>> ListAdministratorIdsAsync(CancellationToken ct) =>
        db.QueryAsync<Guid>("SELECT id FROM users WHERE role = 1 AND deleted_at IS NULL ORDER BY id", null, ct);

    public async Task<SystemFigures> SystemFiguresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var range = new { from, to };
        var users = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL", null, ct);
        var newUsers = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM users WHERE created_at >= @from AND created_at < @to",
            range,
            ct
        );
        var created = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM tasks WHERE created_at >= @from AND created_at < @to",
            range,
            ct
        );
        var completed = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM tasks WHERE completed_at >= @from AND completed_at < @to",
            range,
            ct
        );
        var tallies = await db.QueryAsync<(long Requests, long Errors, string Buckets)>(
            "SELECT requests, errors, buckets FROM request_stats WHERE hour >= @from AND hour < @to",
            range,
            ct
        );
        var buckets = new long[Telemetry.LatencyHistogram.Bounds.Length + 1];
        foreach (var tally in tallies)
        {
            var counts = Telemetry.RequestStatisticsFlusher.Parse(tally.Buckets);
            for (var i = 0; i < buckets.Length && i < counts.Length; i++)
            {
                buckets[i] += counts[i];
            }
        }

        var p95 = Telemetry.LatencyHistogram.Quantile(buckets, 0.95);
        return new SystemFigures(
            users,
            newUsers,
            created,
            completed,
            tallies.Sum(t => t.Requests),
            tallies.Sum(t => t.Errors),
            p95 * 1000
        );
    }

    private async Task<int> CountAsync(string where, object parameters, CancellationToken ct) =>
        (int)await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM tasks WHERE {where}", parameters, ct);

    private async Task<IReadOnlyList<SummaryTask>> ListAsync(string where, object parameters, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            $"SELECT id, title, due_at FROM tasks WHERE {where} ORDER BY due_at, id LIMIT @take",
            parameters,
            ct
        );
        return rows.Select(r => new SummaryTask(r.Id, r.Title, r.DueAt)).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public DateTimeOffset? DueAt { get; set; }
    }
}
