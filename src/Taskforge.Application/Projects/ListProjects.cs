using Taskforge.Application.Common;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

/// <summary>The caller's projects, oldest first.</summary>
public sealed class ListProjects(IProjectRepository projects)
{
    public async Task<Page<Project, ProjectListKey>> ExecuteAsync(
        Guid ownerId,
        int limit,
        ProjectListKey? after,
        CancellationToken ct
    )
    {
        var rows = await projects.ListAsync(new ProjectListQuery(ownerId, after, limit + 1), ct);
        return Paging.Cut(rows, limit, project => new ProjectListKey(project.CreatedAt, project.Id));
    }
}
