using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

public sealed class UpdateProject(
    IProjectRepository projects,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    TimeProvider time
)
{
    public Task<Result<Project>> ExecuteAsync(
        Guid ownerId,
        Guid id,
        ProjectChanges changes,
        long? expectedVersion,
        CancellationToken ct
    ) =>
        OptimisticConcurrency.RetryAsync(
            expectedVersion,
            () => AttemptAsync(ownerId, id, changes, expectedVersion, ct)
        );

    private async Task<Result<Project>> AttemptAsync(
        Guid ownerId,
        Guid id,
        ProjectChanges changes,
        long? expectedVersion,
        CancellationToken ct
    )
    {
        var project = await projects.FindAsync(ownerId, id, ct);
        if (project is null)
        {
            return ProjectErrors.NotFound;
        }

        if (expectedVersion is { } expected && expected != project.Version)
        {
            return Error.VersionMismatch;
        }

        var applied = changes.ApplyTo(project.Name, project.Description);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var previousVersion = project.Version;
        project.Change(applied.Value.Name, applied.Value.Description, time.Now());
        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await projects.UpdateAsync(project, previousVersion, ct) != WriteOutcome.Written)
        {
            return Error.VersionMismatch;
        }

        await outbox.RecordAsync(DomainEvent.ForProject(EventTypes.ProjectUpdated, project, project.UpdatedAt), ct);
        await transaction.CommitAsync(ct);
        return project;
    }
}
