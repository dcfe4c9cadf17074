using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

public interface IProjectRepository
{
    Task AddAsync(Project project, CancellationToken ct);

    /// <summary>Soft-deletes every project of the owner, and their tasks, when an account goes.</summary>
    Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct);
}
