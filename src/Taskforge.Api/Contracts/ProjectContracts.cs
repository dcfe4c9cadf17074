using Taskforge.Domain.Projects;

namespace Taskforge.Api.Contracts;

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

/// <summary>The body of POST and PUT: every writable field of a project.</summary>
public sealed record ProjectRequest(string? Name, string? Description);
