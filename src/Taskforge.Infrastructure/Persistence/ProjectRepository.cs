using Taskforge.Application.Common;
using Taskforge.Application.Projects;
using Taskforge.Domain.Projects;
using Taskforge.Infrastructure.Caching;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Every statement names the owner: another user's project is never read or written.</summary>
public sealed class ProjectRepository(DbSession db, ScopedCache cache, DefaultProjectIds defaults) : IProjectRepository
{
    private const string Columns =
        "id, owner_id, name, description, is_default, created_at, updated_at, deleted_at, version";

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
            ct
        );

    public Task<Project?> FindAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Project>(
            $"SELECT {Columns} FROM projects WHERE id = @id AND owner_id = @ownerId AND deleted_at IS NULL",
            new { id, ownerId },
            ct
        );

    public Task<Project?> FindDefaultAsync(Guid ownerId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Project>(
            $"SELECT {Columns} FROM projects WHERE owner_id = @ownerId AND is_default = @isDefault AND deleted_at IS NULL",
            new { ownerId, isDefault = true },
            ct
        );

    public async Task<Guid?> FindDefaultIdAsync(Guid ownerId, CancellationToken ct)
    {
        if (defaults.Find(ownerId) is { } known)
        {
            return known;
        }

        var found = (await FindDefaultAsync(ownerId, ct))?.Id;
        if (found is { } id)
        {
            defaults.Remember(ownerId, id);
        }

        return found;
    }

    public Task<IReadOnlyList<Project>> ListAsync(ProjectListQuery query, CancellationToken ct)
    {
        // Only the conditions in use go into the statement: PostgreSQL cannot type "@p IS NULL".
        var after = query.After is null ? "" : " AND (created_at, id) > (@afterCreatedAt, @afterId)";
        return db.QueryAsync<Project>(
            $"SELECT {Columns} FROM projects WHERE owner_id = @ownerId AND deleted_at IS NULL{after} ORDER BY created_at, id LIMIT @take",
            new
            {
                ownerId = query.OwnerId,
                afterCreatedAt = query.After?.CreatedAt ?? DateTimeOffset.UnixEpoch,
                afterId = query.After?.Id ?? Guid.Empty,
                take = query.Take,
            },
            ct
        );
    }

    public async Task<WriteOutcome> UpdateAsync(Project project, long expectedVersion, CancellationToken ct)
    {
        var outcome = await db.WriteAsync(
            """
            UPDATE projects
            SET name = @Name, description = @Description, updated_at = @UpdatedAt, deleted_at = @DeletedAt, version = @Version
            WHERE id = @Id AND owner_id = @OwnerId AND version = @expectedVersion AND deleted_at IS NULL
            """,
            new
            {
                project.Id,
                project.OwnerId,
                project.Name,
                project.Description,
                project.UpdatedAt,
                project.DeletedAt,
                project.Version,
                expectedVersion,
            },
            ct
        );
        if (outcome == WriteOutcome.Written)
        {
            // A project's name is part of its tasks' search text: cached search pages end with it.
            await db.AfterCommitAsync(() => cache.InvalidateAsync(CachedTaskRepository.Scope(project.OwnerId)));
        }

        return outcome;
    }

    // A requirement of the write's transaction, checked where it stands among the queued writes,
    // before them: on PostgreSQL in the command that commits. PostgreSQL: FOR SHARE lets
    // concurrent writers share the project row while a delete, which updates it, waits for them
    // (an UPDATE here made every create queue on the row); a delete that commits first makes the
    // EXISTS false. SQLite: the write transaction already excludes every other writer, so reading
    // the row holds it.
    public Task HoldAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        db.RequireAsync(
            "EXISTS (SELECT 1 FROM projects WHERE id = @ProjectId AND owner_id = @OwnerId AND deleted_at IS NULL"
                + (db.Factory.Provider == DatabaseProvider.Postgres ? " FOR SHARE)" : ")"),
            new { ProjectId = id, OwnerId = ownerId },
            WriteOutcome.Refused,
            ct
        );

    public async Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(
            "UPDATE tasks SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE owner_id = @ownerId AND deleted_at IS NULL",
            new { ownerId, now },
            ct
        );
        await db.ExecuteAsync(
            "UPDATE projects SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE owner_id = @ownerId AND deleted_at IS NULL",
            new { ownerId, now },
            ct
        );
        await db.AfterCommitAsync(() => cache.InvalidateAsync(CachedTaskRepository.Scope(ownerId)));
    }
}
