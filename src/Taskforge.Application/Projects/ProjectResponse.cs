using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

/// <summary>A project as v1 shows it: the body of GET and the <c>data</c> of its events.</summary>
public sealed record ProjectResponse(
    Guid Id,
    string Name,
    string? Description,
    bool IsDefault,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public static ProjectResponse From(Project project) =>
        new(
            project.Id,
            project.Name,
            project.Description,
            project.IsDefault,
            project.CreatedAt.UtcDateTime,
            project.UpdatedAt.UtcDateTime
        );
}
