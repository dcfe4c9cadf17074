namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Holding a project while a task is written into it, so the project cannot be deleted under the
/// write. PostgreSQL: FOR SHARE lets concurrent writers share the project row while a delete,
/// which updates it, waits for them (an UPDATE here made every create queue on the row). SQLite:
/// the write transaction already excludes every other writer, so reading the row holds it.
/// </summary>
internal static class ProjectHold
{
    /// <summary>The owner's live project @ProjectId, held: one row, or none when it is gone (or not theirs).</summary>
    public static string Select(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresSelect : SqliteSelect;

    public static async Task<bool> HoldAsync(DbSession db, Guid ownerId, Guid projectId, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int?>(
            Select(db.Factory.Provider),
            new { ProjectId = projectId, OwnerId = ownerId },
            ct
        )
            is not null;

    private const string SqliteSelect =
        "SELECT 1 FROM projects WHERE id = @ProjectId AND owner_id = @OwnerId AND deleted_at IS NULL";

    private const string PostgresSelect = SqliteSelect + " FOR SHARE";
}
