using System.Text.Json;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.UnitTests.Tasks;

public sealed class TaskDiffTests
{
    private static readonly DateTimeOffset Monday = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Inbox = Guid.CreateVersion7();

    private static TaskItem NewTask() =>
        new(
            Guid.CreateVersion7(),
            new TaskContent(Inbox, "Buy milk", null, TaskProgress.Todo, null, Priority.None, []),
            Monday
        );

    private static JsonElement Json(TaskDiff diff) => JsonDocument.Parse(diff.ToJson()).RootElement;

    [Fact]
    public void A_created_task_lists_every_field_with_a_value_from_null()
    {
        var diff = TaskDiff.ForCreated(NewTask());

        diff.Type.Should().Be("created");
        diff.ToJson()
            .Should()
            .Be(
                $$$"""{"projectId":{"from":null,"to":"{{{Inbox}}}"},"title":{"from":null,"to":"Buy milk"},"completed":{"from":null,"to":false},"status":{"from":null,"to":"todo"},"priority":{"from":null,"to":"none"},"tags":{"from":null,"to":[]}}"""
            );
    }

    [Fact]
    public void An_update_lists_only_the_changed_fields_in_v1_forms()
    {
        var task = NewTask();
        var before = TaskSnapshot.Of(task);
        task.Change(
            task.Content with
            {
                Title = "Buy oat milk",
                Priority = Priority.High,
                DueAt = new DateTimeOffset(2030, 1, 8, 17, 30, 0, TimeSpan.FromHours(2)),
                Tags = ["shop", "food"],
            },
            Monday.AddHours(1)
        );

        var diff = TaskDiff.Between(before, task);

        diff.Type.Should().Be("updated");
        diff.Changes.Select(c => c.Field).Should().Equal("title", "dueAt", "priority", "tags");
        var json = Json(diff);
        json.GetProperty("title").GetProperty("from").GetString().Should().Be("Buy milk");
        json.GetProperty("dueAt").GetProperty("from").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("dueAt").GetProperty("to").GetString().Should().Be("2030-01-08T15:30:00Z");
        json.GetProperty("priority").GetProperty("to").GetString().Should().Be("high");
        json.GetProperty("tags").GetProperty("to").EnumerateArray().Select(t => t.GetString()).Should().HaveCount(2);
    }

    [Fact]
    public void Completion_reopening_and_moves_have_their_own_types()
    {
        var task = NewTask();
        var open = TaskSnapshot.Of(task);
        task.Change(task.Content with { Status = TaskProgress.Done }, Monday.AddMinutes(1).AddMilliseconds(250));
        var completed = TaskDiff.Between(open, task);
        completed.Type.Should().Be("completed");
        completed.Changes.Select(c => c.Field).Should().Equal("completed", "status", "completedAt");
        Json(completed).GetProperty("completedAt").GetProperty("to").GetString().Should().Be("2030-01-07T09:01:00.25Z");

        var done = TaskSnapshot.Of(task);
        task.Change(task.Content with { Status = TaskProgress.Todo }, Monday.AddMinutes(2));
        TaskDiff.Between(done, task).Type.Should().Be("reopened");

        var here = TaskSnapshot.Of(task);
        var elsewhere = Guid.CreateVersion7();
        task.Change(task.Content with { ProjectId = elsewhere, Title = "moved" }, Monday.AddMinutes(3));
        var moved = TaskDiff.Between(here, task);
        moved.Type.Should().Be("moved");
        Json(moved).GetProperty("projectId").GetProperty("to").GetString().Should().Be(elsewhere.ToString());
    }

    [Fact]
    public void Writing_the_same_values_is_no_change_and_clearing_is_to_null()
    {
        var task = NewTask();
        task.Change(task.Content with { Description = "two litres" }, Monday.AddMinutes(1));
        var before = TaskSnapshot.Of(task);

        task.Change(task.Content, Monday.AddMinutes(2));
        TaskDiff.Between(before, task).IsEmpty.Should().BeTrue();

        task.Change(task.Content with { Description = null }, Monday.AddMinutes(3));
        TaskDiff.Between(before, task).ToJson().Should().Be("""{"description":{"from":"two litres","to":null}}""");
        TaskDiff.ForDeleted().ToJson().Should().Be("{}");
    }
}
