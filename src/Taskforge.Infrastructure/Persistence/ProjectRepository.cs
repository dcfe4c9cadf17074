using Taskforge.Application.Projects;
using Taskforge.Domain.Projects;

namespace Taskforge.Infrastructure.Persistence;

public sealed class ProjectRepository(DbSession db) : IProjectRepository
{
    public Task AddAsync(Project project, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, description, is_default, created_at, updated_at, deleted_at, version)
            VALUES (@Id, @OwnerId, @Name, @Description, @IsDefault, @CreatedAt, @UpdatedAt, @DeletedAt, @Version)
            """,
            new
            {
                project.Id,
                project.OwnerId,
                project.Name,
                project.Description,
                project.IsDefault,
                project.CreatedAt,
                project.UpdatedAt,
                project.DeletedAt,
                project.Version,
            },
            ct);

    public Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE projects SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE owner_id = @ownerId AND deleted_at IS NULL",
            new { ownerId, now }, ct);
}
