using Taskforge.Application.Common;

namespace Taskforge.Application.Tasks;

/// <summary>
/// The fields a write names. A POST or PUT names all of them, a merge patch only some. A null
/// value resets the field to its default: no description, no due date, no tags, priority none,
/// not completed, the Inbox. Only the title has no default, so a null title is invalid.
/// </summary>
public sealed record TaskChanges(
    Optional<Guid?> ProjectId,
    Optional<string?> Title,
    Optional<string?> Description,
    Optional<bool?> Completed,
    Optional<DateTimeOffset?> DueAt,
    Optional<string?> Priority,
    Optional<IReadOnlyList<string?>?> Tags
)
{
    /// <summary>v2's <c>status</c> (a name, checked with the other fields); v1 writes <see cref="Completed"/>.</summary>
    public Optional<string?> Status { get; init; }

    public static TaskChanges All(
        Guid? projectId,
        string? title,
        string? description,
        bool? completed,
        DateTimeOffset? dueAt,
        string? priority,
        IReadOnlyList<string?>? tags
    ) =>
        new(
            Optional<Guid?>.Of(projectId),
            Optional<string?>.Of(title),
            Optional<string?>.Of(description),
            Optional<bool?>.Of(completed),
            Optional<DateTimeOffset?>.Of(dueAt),
            Optional<string?>.Of(priority),
            Optional<IReadOnlyList<string?>?>.Of(tags)
        );
}
