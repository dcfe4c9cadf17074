using Taskforge.Application.Common;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

public sealed class CreateProject(IProjectRepository projects, TimeProvider time)
{
    public async Task<Result<Project>> ExecuteAsync(Guid ownerId, ProjectChanges fields, CancellationToken ct)
    {
        var applied = fields.ApplyTo("", null);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var project = new Project(ownerId, applied.Value.Name, applied.Value.Description, isDefault: false, time.Now());
        await projects.AddAsync(project, ct);
        return project;
    }
}
