using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// A task's UPDATE sets only the columns a change touched. What the patch answers must be what
/// was stored, field by field, and a due reminder re-arms only when the due date moves.
/// </summary>
public abstract class TaskUpdateColumnsTests(TaskforgeApp app)
{
    [Fact]
    public async Task Every_kind_of_patch_stores_what_it_answers()
    {
        var user = await app.RegisterAsync();
        var project = (await user.Client.CreateProjectAsync("Home")).Id();
        var created = await user.Client.CreateTaskAsync(
            new
            {
                title = "Start",
                description = "first",
                dueAt = "2030-01-01T00:00:00Z",
                priority = "low",
                tags = new[] { "a" },
            }
        );
        var id = created.Id();
        // v1 sees the status as the flag "completed"; v2 names it, inProgress included.
        (string Version, object Patch)[] patches =
        [
            ("v1", new { title = "Renamed" }),
            ("v1", new { description = "second" }),
            ("v1", new { completed = true }),
            ("v2", new { status = "inProgress" }),
            ("v1", new { dueAt = "2031-06-01T12:30:00Z" }),
            ("v1", new { priority = "high" }),
            ("v1", new { projectId = project }),
            ("v1", new { tags = new[] { "b", "c" } }),
            (
                "v1",
                new
                {
                    title = "All at once",
                    description = (string?)null,
                    completed = true,
                    dueAt = (string?)null,
                    priority = "medium",
                    projectId = (Guid?)null,
                }
            ),
            ("v2", new { status = "todo" }),
            ("v1", new { title = "All at once" }),
        ];

        foreach (var (version, patch) in patches)
        {
            var url = $"/api/{version}/tasks/{id}";
            var patched = await user.Client.PatchAsync(url, patch);
            patched.EnsureStatus(HttpStatusCode.OK);
            var answered = await patched.JsonAsync();

            var stored = await user.Client.GetAsync(url);
            stored.EnsureStatus(HttpStatusCode.OK);
            (await stored.JsonAsync()).GetRawText().Should().Be(answered.GetRawText(), $"after the patch {patch}");
            stored.Headers.ETag.Should().Be(patched.Headers.ETag);
        }
    }

    [Fact]
    public async Task A_fired_due_reminder_re_arms_only_when_the_due_date_moves()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.CreateTaskAsync(new { title = "Pay", dueAt = "2030-01-01T00:00:00Z" });
        var id = created.Id();
        var url = $"{TaskApi.Tasks}/{id}";
        // As the due-reminders job leaves a task whose reminder has gone out.
        (await app.ExecuteAsync("UPDATE tasks SET due_fired_at = created_at WHERE id = @id", id))
            .Should()
            .Be(1);
        const string Fired = "SELECT COUNT(*) FROM tasks WHERE id = @id AND due_fired_at IS NOT NULL";

        foreach (
            var patch in new object[] { new { title = "Pay now" }, new { priority = "high" }, new { completed = true } }
        )
        {
            (await user.Client.PatchAsync(url, patch)).EnsureStatus(HttpStatusCode.OK);
            (await app.CountAsync(Fired, id)).Should().Be(1, $"the patch {patch} leaves the due date where it was");
        }

        (await user.Client.PatchAsync(url, new { dueAt = "2030-01-02T00:00:00Z" })).EnsureStatus(HttpStatusCode.OK);
        (await app.CountAsync(Fired, id)).Should().Be(0, "a new due date deserves a new reminder");
    }
}

public sealed class SqliteTaskUpdateColumnsTests(SqliteApp app) : TaskUpdateColumnsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskUpdateColumnsTests(PostgresApp app)
    : TaskUpdateColumnsTests(app),
        IClassFixture<PostgresApp>;
