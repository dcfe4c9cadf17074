using Taskforge.Domain.Tasks;

namespace Taskforge.UnitTests.Tasks;

public sealed class TaskItemTests
{
    private static readonly DateTimeOffset Monday = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);

    private static TaskContent Content(bool completed = false, params string[] tags) =>
        new(
            Guid.CreateVersion7(),
            "title",
            null,
            completed ? TaskProgress.Done : TaskProgress.Todo,
            null,
            Priority.None,
            tags
        );

    [Fact]
    public void A_new_completed_task_is_stamped_with_its_creation_time()
    {
        var task = new TaskItem(Guid.CreateVersion7(), Content(completed: true), Monday);

        task.CompletedAt.Should().Be(Monday);
        task.Version.Should().Be(1);
    }

    [Fact]
    public void Completion_is_stamped_once_kept_while_completed_and_cleared_on_reopening()
    {
        var task = new TaskItem(Guid.CreateVersion7(), Content(), Monday);
        task.CompletedAt.Should().BeNull();

        task.Change(task.Content with { Status = TaskProgress.Done }, Monday.AddHours(1));
        task.CompletedAt.Should().Be(Monday.AddHours(1));

        task.Change(task.Content with { Title = "renamed" }, Monday.AddHours(2));
        task.CompletedAt.Should().Be(Monday.AddHours(1));

        task.Change(task.Content with { Status = TaskProgress.Todo }, Monday.AddHours(3));
        task.CompletedAt.Should().BeNull();
        task.Version.Should().Be(4);
        task.UpdatedAt.Should().Be(Monday.AddHours(3));
    }

    [Fact]
    public void Due_times_keep_the_precision_the_databases_keep()
    {
        var due = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567);

        var task = new TaskItem(Guid.CreateVersion7(), Content() with { DueAt = due }, Monday);

        task.DueAt.Should().Be(due.AddTicks(-7));
    }

    [Fact]
    public void Tags_are_trimmed_deduplicated_case_sensitively_and_ordered()
    {
        TaskTags.Normalize([" b ", "a", "b", "B", "a "]).Should().Equal("B", "a", "b");
    }
}
