using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.UnitTests.Tasks;

public sealed class TaskSortTests
{
    [Theory]
    [InlineData(null, TaskSortField.CreatedAt, true)]
    [InlineData("createdAt", TaskSortField.CreatedAt, false)]
    [InlineData("-dueAt", TaskSortField.DueAt, true)]
    [InlineData("priority", TaskSortField.Priority, false)]
    [InlineData("-title", TaskSortField.Title, true)]
    public void Known_sorts_parse_and_keep_their_wire_name(string? name, TaskSortField field, bool descending)
    {
        var sort = TaskSort.Parse(name);

        sort.Should().Be(new TaskSort(field, descending));
        sort!.Name.Should().Be(name ?? "-createdAt");
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("--title")]
    [InlineData("Title")]
    [InlineData("name")]
    public void Unknown_sorts_do_not_parse(string name) => TaskSort.Parse(name).Should().BeNull();

    [Fact]
    public void A_key_fits_only_the_sort_it_was_made_for()
    {
        var task = new TaskItem(
            Guid.CreateVersion7(),
            new TaskContent(Guid.CreateVersion7(), "t", null, TaskProgress.Todo, null, Priority.Low, []),
            DateTimeOffset.UnixEpoch
        );
        var byTitle = TaskSort.Parse("title")!;

        var key = TaskListKey.For(task, byTitle);

        key.Fits(byTitle).Should().BeTrue();
        key.Fits(TaskSort.Parse("-title")!).Should().BeFalse();
        key.Fits(TaskSort.Parse("priority")!).Should().BeFalse();
        TaskListKey
            .For(task, TaskSort.Parse("dueAt")!)
            .Fits(TaskSort.Parse("dueAt")!)
            .Should()
            .BeTrue("a null due date is a valid position");
    }
}
