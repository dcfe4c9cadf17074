using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.Common;
using Taskforge.Infrastructure.Persistence;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// A transaction's requirements (DbSession.RequireAsync, RequireWriteAsync) are checked by the
/// database among the queued writes: when one fails, the writes queued after it are not made,
/// the commit writes nothing and answers the requirement's outcome, and an enclosing transaction
/// goes on. Creates and patches stand on this for their 404 and 412.
/// </summary>
public abstract class WriteRequirementTests(TaskforgeApp app)
{
    private const string Probe = "requirement_probe";

    [Fact]
    public async Task Requirements_that_hold_commit_every_write()
    {
        var id = await NewRowAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        await using var transaction = await session.BeginAsync(CancellationToken.None);
        await session.RequireAsync(
            $"EXISTS (SELECT 1 FROM {Probe} WHERE id = @id)",
            new { id },
            WriteOutcome.Refused,
            default
        );
        await session.RequireWriteAsync(
            $"UPDATE {Probe} SET n = n + 1 WHERE id = @id",
            new { id },
            WriteOutcome.VersionMismatch,
            default
        );
        await InsertAsync(session, id + 1);

        (await transaction.TryCommitAsync(CancellationToken.None)).Should().Be(WriteOutcome.Written);
        (await CountAsync($"SELECT n FROM {Probe} WHERE id = {id}")).Should().Be(1);
        (await CountAsync($"SELECT COUNT(*) FROM {Probe} WHERE id = {id + 1}")).Should().Be(1);
    }

    [Fact]
    public async Task A_write_that_changes_no_row_answers_its_outcome_and_nothing_is_written()
    {
        var id = await NewRowAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        await using (var transaction = await session.BeginAsync(CancellationToken.None))
        {
            await InsertAsync(session, id + 1);
            await session.RequireWriteAsync(
                $"UPDATE {Probe} SET n = n + 1 WHERE id = @id AND n = 5",
                new { id },
                WriteOutcome.VersionMismatch,
                default
            );
            await InsertAsync(session, id + 2);

            (await transaction.TryCommitAsync(CancellationToken.None)).Should().Be(WriteOutcome.VersionMismatch);
        }

        (await CountAsync($"SELECT COUNT(*) FROM {Probe} WHERE id IN ({id + 1}, {id + 2})")).Should().Be(0);
    }

    [Fact]
    public async Task A_false_condition_fails_a_plain_commit_and_writes_nothing()
    {
        var id = await NewRowAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        await using (var transaction = await session.BeginAsync(CancellationToken.None))
        {
            await session.RequireAsync(
                $"EXISTS (SELECT 1 FROM {Probe} WHERE id = @id)",
                new { id = -id },
                WriteOutcome.Refused,
                default
            );
            await InsertAsync(session, id + 1);

            var commit = () => transaction.CommitAsync(CancellationToken.None);
            await commit.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Refused*");
        }

        (await CountAsync($"SELECT COUNT(*) FROM {Probe} WHERE id = {id + 1}")).Should().Be(0);
    }

    [Fact]
    public async Task A_unit_whose_requirement_fails_is_undone_and_the_enclosing_transaction_commits()
    {
        var id = await NewRowAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        await using (var outer = await session.BeginRequestAsync(CancellationToken.None))
        {
            await using (var unit = await session.BeginAsync(CancellationToken.None))
            {
                await InsertAsync(session, id + 1);
                await session.RequireAsync("1 = 0", null, WriteOutcome.Refused, default);
                await InsertAsync(session, id + 2);
                (await unit.TryCommitAsync(CancellationToken.None)).Should().Be(WriteOutcome.Refused);
            }

            await InsertAsync(session, id + 3);
            await outer.CommitAsync(CancellationToken.None);
        }

        (await CountAsync($"SELECT COUNT(*) FROM {Probe} WHERE id IN ({id + 1}, {id + 2})")).Should().Be(0);
        (await CountAsync($"SELECT COUNT(*) FROM {Probe} WHERE id = {id + 3}")).Should().Be(1);
    }

    private static Task InsertAsync(DbSession session, long id) =>
        session.DeferAsync($"INSERT INTO {Probe} (id, n) VALUES (@id, 0)", new { id }, default);

    // Rows of each test far apart, so the tests of one class may share the table.
    private async Task<long> NewRowAsync()
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue / 2) / 10 * 10;
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Probe} (id BIGINT PRIMARY KEY, n INTEGER NOT NULL)",
            null,
            default
        );
        await session.ExecuteAsync($"INSERT INTO {Probe} (id, n) VALUES (@id, 0)", new { id }, default);
        return id;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        return await session.ExecuteScalarAsync<long>(sql, null, default);
    }
}

public sealed class SqliteWriteRequirementTests(SqliteApp app) : WriteRequirementTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWriteRequirementTests(PostgresApp app)
    : WriteRequirementTests(app),
        IClassFixture<PostgresApp>;
