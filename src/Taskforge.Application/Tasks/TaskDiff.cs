using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>
/// What a write did to a task, field by field, in the API's names and JSON forms (v1's <c>completed</c>
/// and v2's <c>status</c> both, priority names, ISO times, tag arrays): the <c>changes</c> of a history entry.
/// </summary>
public sealed class TaskDiff
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Completed = "completed";
    public const string Reopened = "reopened";
    public const string Moved = "moved";
    public const string Deleted = "deleted";

    private TaskDiff(string type, IReadOnlyList<FieldChange> changes)
    {
        Type = type;
        Changes = changes;
    }

    public string Type { get; }

    public IReadOnlyList<FieldChange> Changes { get; }

    public bool IsEmpty => Changes.Count == 0;

    /// <summary>A new task: every field that has a value, from null.</summary>
    public static TaskDiff ForCreated(TaskItem task) => new(Created, Compare(null, task));

    public static TaskDiff ForDeleted() => new(Deleted, []);

    /// <summary>A change: completion wins the type, then a move, else an update.</summary>
    public static TaskDiff Between(TaskSnapshot before, TaskItem after)
    {
        var changes = Compare(before, after);
        var type =
            before.Completed != after.Completed ? (after.Completed ? Completed : Reopened)
            : before.ProjectId != after.ProjectId ? Moved
            : Updated;
        return new TaskDiff(type, changes);
    }

    /// <summary><c>{"field": {"from": ..., "to": ...}, ...}</c></summary>
    /// <remarks>
    /// Written straight from the values: a tree of its own would have to deep-clone each of them,
    /// since a node has one parent.
    /// </remarks>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var change in Changes)
            {
                writer.WriteStartObject(change.Field);
                WriteValue(writer, "from", change.From);
                WriteValue(writer, "to", change.To);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, JsonNode? value)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static List<FieldChange> Compare(TaskSnapshot? before, TaskItem after)
    {
        var from = before?.Fields() ?? [];
        var to = TaskSnapshot.Of(after).Fields();
        var changes = new List<FieldChange>();
        foreach (var (field, value) in to)
        {
            var old = from.GetValueOrDefault(field);
            if (!JsonNode.DeepEquals(old, value))
            {
                changes.Add(new FieldChange(field, old, value));
            }
        }

        return changes;
    }
}

public sealed record FieldChange(string Field, JsonNode? From, JsonNode? To)
{
    public override string ToString() => $"{Field}: {From?.ToJsonString() ?? "null"} -> {To?.ToJsonString() ?? "null"}";
}

/// <summary>A task's client-visible fields at one moment, taken before a write changes the task.</summary>
public sealed record TaskSnapshot(
    Guid ProjectId,
    string Title,
    string? Description,
    TaskProgress Status,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DueAt,
    Priority Priority,
    IReadOnlyList<string> Tags
)
{
    public bool Completed => Status == TaskProgress.Done;

    public static TaskSnapshot Of(TaskItem task) =>
        new(
            task.ProjectId,
            task.Title,
            task.Description,
            task.Status,
            task.CompletedAt,
            task.DueAt,
            task.Priority,
            task.Tags
        );

    // API names (v1's completed and v2's status), in the order of the task representation; null when the field has no value.
    internal Dictionary<string, JsonNode?> Fields() =>
        new()
        {
            ["projectId"] = JsonValue.Create(ProjectId.ToString()),
            ["title"] = JsonValue.Create(Title),
            ["description"] = Description is null ? null : JsonValue.Create(Description),
            ["completed"] = JsonValue.Create(Completed),
            ["status"] = JsonValue.Create(TaskProgressNames.ToName(Status)),
            ["completedAt"] = Time(CompletedAt),
            ["dueAt"] = Time(DueAt),
            ["priority"] = JsonValue.Create(Priorities.ToName(Priority)),
            ["tags"] = new JsonArray(Tags.Select(tag => (JsonNode?)JsonValue.Create(tag)).ToArray()),
        };

    // The text System.Text.Json writes for the task's own UTC DateTime fields.
    private static JsonValue? Time(DateTimeOffset? time) =>
        time is { } t
            ? JsonValue.Create(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture))
            : null;
}
