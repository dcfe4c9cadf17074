using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

public sealed class CreateProject(
    IProjectRepository projects,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    TimeProvider time
)
{
    public async Task<Result<Project>> ExecuteAsync(Guid ownerId, ProjectChanges fields, CancellationToken ct)
    {
        var applied = fields.ApplyTo("", null);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var project = new Project(ownerId, applied.Value.Name, applied.Value.Description, isDefault: false, time.Now());
        await using var transaction = await unitOfWork.BeginAsync(ct);
        await projects.AddAsync(project, ct);
        await outbox.RecordAsync(DomainEvent.ForProject(EventTypes.ProjectCreated, project, project.CreatedAt), ct);
        await transaction.CommitAsync(ct);
        return project;
    }
}
