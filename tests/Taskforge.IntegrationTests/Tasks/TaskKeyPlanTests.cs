using Dapper;
using Taskforge.Infrastructure.Persistence;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// A patch's read of its task and its UPDATE must find the row by its primary key even before
/// PostgreSQL has statistics for the table. Without them (a new database's first minute of
/// writes, before autovacuum's first ANALYZE) a statement whose condition matched the owner's
/// partial indexes ("deleted_at IS NULL") was planned through one of them, reading every row of
/// the owner for one task: 308 µs a read against 26 in bench/ab.sh's pg_stat_statements.
/// </summary>
public sealed class TaskKeyPlanTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_task_is_read_and_updated_by_its_primary_key_while_the_table_has_no_statistics()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync("in the Inbox");
        await using var connection = await app.OpenAsync();
        // Rolled back at the end: the rows and the cleared statistics are undone with it.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO tasks (id, owner_id, project_id, title, completed, status, priority, created_at, updated_at, version)
            SELECT gen_random_uuid(), @owner, p.id, 'task ' || n, false, 'todo', n % 4, now(), now(), 1
            FROM generate_series(1, 2000) n, (SELECT project_id AS id FROM tasks WHERE owner_id = @owner LIMIT 1) p;
            DELETE FROM pg_statistic WHERE starelid = 'tasks'::regclass;
            UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE oid = 'tasks'::regclass;
            """,
            new { owner = user.Id },
            transaction
        );

        // The read's first statement is the task's row; the second reads its tags by task id.
        var read = TaskRepository.FindStatement.Split(';')[0];
        var plans = new List<(string Statement, string Plan)>
        {
            (read, await ExplainAsync(read, new { id = Guid.CreateVersion7(), ownerId = user.Id })),
        };
        var now = DateTimeOffset.UtcNow;
        var update = new
        {
            Id = Guid.CreateVersion7(),
            OwnerId = user.Id,
            ExpectedVersion = 1L,
            Version = 2L,
            UpdatedAt = now,
            ProjectId = Guid.CreateVersion7(),
            Title = "t",
            Description = "d",
            Status = "done",
            Completed = true,
            CompletedAt = now,
            DueAt = now,
            Priority = (short)1,
        };
        foreach (var statement in TaskUpdateStatement.AllTexts)
        {
            plans.Add((statement, await ExplainAsync(statement, update)));
        }

        foreach (var (statement, plan) in plans)
        {
            plan.Should().Contain("tasks_pkey", $"{statement}\nis planned as\n{plan}").And.NotContain("ix_tasks_owner");
        }

        await transaction.RollbackAsync();

        async Task<string> ExplainAsync(string statement, object parameters) =>
            string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + statement, parameters, transaction));
    }
}
