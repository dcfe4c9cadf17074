using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.Infrastructure.Auth;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Migrations;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// A database made by an older release, with data, is upgraded in place when the app starts:
/// here one made by migrations 0001 to 0013 (search kept by triggers) meets 0014 (the search row
/// written by the repository), 0015 (on PostgreSQL, the row carries its owner, filled in for
/// the old rows), 0016 (on PostgreSQL, one GIN index over owner and document, built over the
/// old rows), 0017 (on PostgreSQL, that index without a pending list) and 0018 (on PostgreSQL,
/// the function every create and patch checks its requirements with), and its tasks stay
/// searchable and writable.
/// </summary>
public abstract class SchemaUpgradeTests(TaskforgeApp app)
{
    private const string LastOldVersion = "0013";
    private const string Password = "correct-horse-1";

    [Fact]
    public async Task A_database_made_by_migrations_up_to_0013_upgrades_and_keeps_its_tasks_searchable()
    {
        var old = await MakeOldDatabaseAsync();

        // The first request starts the app, which applies the newer migrations.
        var user = await app.LogInAsync(old.UserId, old.Email, Password);
        var versions = await app.QueryAsync("SELECT version FROM schema_migrations", null, r => r.GetString(0));
        versions.Should().Contain(v => string.CompareOrdinal(v, LastOldVersion) > 0);

        var kept = await user.Client.GetJsonAsync($"{TaskApi.Tasks}/{old.TaggedTaskId}");
        kept.Text("title").Should().Be("Repaint the greenhouse");
        kept.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("garden", "paint");
        Titles(await HitsAsync(user, "greenhouse")).Should().Equal("Repaint the greenhouse");
        Titles(await HitsAsync(user, "paint")).Should().Equal("Repaint the greenhouse");
        Titles(await HitsAsync(user, "allotment")).Should().Equal("Repaint the greenhouse"); // its project's name
        Titles(await HitsAsync(user, "invoice")).Should().Equal("File the invoice");

        var url = $"{TaskApi.Tasks}/{old.TaggedTaskId}";
        (await user.Client.PatchAsync(url, new { tags = new[] { "glass" } })).EnsureStatus(HttpStatusCode.OK);
        (await HitsAsync(user, "paint")).Should().BeEmpty();
        Titles(await HitsAsync(user, "glass")).Should().Equal("Repaint the greenhouse");
        (
            await user.Client.PatchAsync($"{TaskApi.Tasks}/{old.UntaggedTaskId}", new { title = "Pay the invoice" })
        ).EnsureStatus(HttpStatusCode.OK);
        Titles(await HitsAsync(user, "pay invoice")).Should().Equal("Pay the invoice");

        await user.Client.CreateTaskAsync(new { title = "Order seeds", tags = new[] { "garden" } });
        Titles(await HitsAsync(user, "garden")).Should().Equal("Order seeds");
        (await user.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);
        (await HitsAsync(user, "greenhouse")).Should().BeEmpty();
    }

    private sealed record OldData(Guid UserId, string Email, Guid TaggedTaskId, Guid UntaggedTaskId);

    // Runs the scripts up to 0013 as MigrationRunner did, then writes a user, a project and two
    // tasks (one tagged) the way that release stored them; its triggers index them.
    private async Task<OldData> MakeOldDatabaseAsync()
    {
        var sqlite = app is SqliteApp;
        await using var connection = await OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RunAsync(
                connection,
                transaction,
                "CREATE TABLE schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)"
            );
            foreach (
                var (version, sql) in MigrationRunner
                    .Scripts(sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres)
                    .Where(s => string.CompareOrdinal(s.Version[..4], LastOldVersion) <= 0)
            )
            {
                await RunAsync(connection, transaction, sql);
                await RunAsync(
                    connection,
                    transaction,
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@p0, @p1)",
                    version,
                    DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)
                );
            }

            await transaction.CommitAsync();
        }

        object Id(Guid id) => sqlite ? id.ToString("D") : id;
        object Time(DateTimeOffset time) => sqlite ? DapperTypeHandlers.FormatSqliteTime(time) : time;
        var now = DateTimeOffset.UtcNow;
        var data = new OldData(
            Guid.CreateVersion7(),
            TestUsers.NewEmail("upgrade"),
            Guid.CreateVersion7(),
            Guid.CreateVersion7()
        );
        var hash = new IdentityPasswordHasher(new PasswordHasherOptions { IterationCount = 2000 }).Hash(Password);
        await RunAsync(
            connection,
            """
            INSERT INTO users (id, email, email_normalized, first_name, last_name, role, password_hash, security_stamp,
                               failed_login_count, locked_until, created_at, updated_at, deleted_at, version)
            VALUES (@p0, @p1, @p2, 'Old', 'User', 0, @p3, @p4, 0, NULL, @p5, @p5, NULL, 1)
            """,
            Id(data.UserId),
            data.Email,
            data.Email.ToUpperInvariant(),
            hash,
            Id(Guid.NewGuid()),
            Time(now)
        );
        var inbox = Guid.CreateVersion7();
        var allotment = Guid.CreateVersion7();
        const string InsertProject = """
            INSERT INTO projects (id, owner_id, name, description, is_default, created_at, updated_at, deleted_at, version)
            VALUES (@p0, @p1, @p2, NULL, @p3, @p4, @p4, NULL, 1)
            """;
        await RunAsync(connection, InsertProject, Id(inbox), Id(data.UserId), "Inbox", true, Time(now));
        await RunAsync(connection, InsertProject, Id(allotment), Id(data.UserId), "Allotment", false, Time(now));
        const string InsertTask = """
            INSERT INTO tasks (id, owner_id, project_id, title, description, completed, status, completed_at, due_at,
                               priority, created_at, updated_at, deleted_at, version)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 'todo', NULL, NULL, @p6, @p7, @p7, NULL, 1)
            """;
        await RunAsync(
            connection,
            InsertTask,
            Id(data.TaggedTaskId),
            Id(data.UserId),
            Id(allotment),
            "Repaint the greenhouse",
            "two coats",
            false,
            (short)0,
            Time(now)
        );
        await RunAsync(
            connection,
            InsertTask,
            Id(data.UntaggedTaskId),
            Id(data.UserId),
            Id(inbox),
            "File the invoice",
            DBNull.Value,
            false,
            (short)0,
            Time(now)
        );
        await RunAsync(
            connection,
            "INSERT INTO task_tags (task_id, owner_id, tag) VALUES (@p0, @p1, 'garden'), (@p0, @p1, 'paint')",
            Id(data.TaggedTaskId),
            Id(data.UserId)
        );
        if (connection is SqliteConnection file)
        {
            // Closed for good when disposed, so the app's first connection meets no other.
            SqliteConnection.ClearPool(file);
        }

        return data;
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = app switch
        {
            SqliteApp sqlite => new SqliteConnection($"Data Source={sqlite.DatabaseFile}"),
            PostgresApp postgres => new NpgsqlConnection(postgres.ConnectionString),
            _ => throw new NotSupportedException(app.GetType().Name),
        };
        if (app is SqliteApp file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file.DatabaseFile)!);
        }

        await connection.OpenAsync();
        return connection;
    }

    private static Task RunAsync(DbConnection connection, string sql, params object[] values) =>
        RunAsync(connection, (DbTransaction?)null, sql, values);

    private static async Task RunAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        params object[] values
    )
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<JsonElement>> HitsAsync(TestUser user, string q)
    {
        var page = await user.Client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static List<string> Titles(List<JsonElement> hits) =>
        hits.Select(h => h.GetProperty("task").Text("title")).ToList();
}

public sealed class SqliteSchemaUpgradeTests(SqliteApp app) : SchemaUpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSchemaUpgradeTests(PostgresApp app) : SchemaUpgradeTests(app), IClassFixture<PostgresApp>;
