using Taskforge.Application.Common;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

public sealed class GetProject(IProjectRepository projects)
{
    public async Task<Result<Project>> ExecuteAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        await projects.FindAsync(ownerId, id, ct) is { } project ? project : ProjectErrors.NotFound;
}
