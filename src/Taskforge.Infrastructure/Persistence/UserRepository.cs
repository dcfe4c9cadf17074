using Taskforge.Application.Common;
using Taskforge.Application.Users;
using Taskforge.Domain.Users;
using Taskforge.Infrastructure.Caching;

namespace Taskforge.Infrastructure.Persistence;

public sealed class UserRepository(DbSession db, ScopedCache cache) : IUserRepository
{
    private const string Columns =
        "id, email, first_name, last_name, role, password_hash, security_stamp, failed_login_count, locked_until, created_at, updated_at, deleted_at, version";

    private const string Update = """
        UPDATE users
        SET email = @Email, email_normalized = @EmailNormalized, first_name = @FirstName, last_name = @LastName,
            role = @Role, password_hash = @PasswordHash, security_stamp = @SecurityStamp,
            updated_at = @UpdatedAt, deleted_at = @DeletedAt, version = @Version
        WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
        """;

    // Every write that takes the admin role away holds this PostgreSQL lock until it commits
    // ("taskforga", next to the migrations' "taskforg").
    private const long AdminRemovalLockKey = 0x7461736B666F7261;

    public async Task<User?> FindAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<User>(
            $"SELECT {Columns} FROM users WHERE id = @id AND deleted_at IS NULL",
            new { id },
            ct
        );

    public async Task<User?> FindByEmailAsync(string email, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<User>(
            $"SELECT {Columns} FROM users WHERE email_normalized = @email AND deleted_at IS NULL",
            new { email = User.NormalizeEmail(email) },
            ct
        );

    public async Task<bool> IsEmailTakenAsync(string email, Guid? exceptUserId, CancellationToken ct) =>
        await db.ExecuteScalarAsync<Guid?>(
            "SELECT id FROM users WHERE email_normalized = @email AND deleted_at IS NULL",
            new { email = User.NormalizeEmail(email) },
            ct
        )
            is { } id
        && id != exceptUserId;

    public async Task<bool> AddAsync(User user, CancellationToken ct) =>
        await db.WriteAsync(
            """
            INSERT INTO users (id, email, email_normalized, first_name, last_name, role, password_hash, security_stamp,
                               failed_login_count, locked_until, created_at, updated_at, deleted_at, version)
            VALUES (@Id, @Email, @EmailNormalized, @FirstName, @LastName, @Role, @PasswordHash, @SecurityStamp,
                    @FailedLoginCount, @LockedUntil, @CreatedAt, @UpdatedAt, @DeletedAt, @Version)
            """,
            Parameters(user),
            ct
        ) == WriteOutcome.Written;

    public Task<WriteOutcome> UpdateAsync(User user, long expectedVersion, CancellationToken ct) =>
        WriteAsync(Update, user, expectedVersion, ct);

    public async Task<WriteOutcome> UpdateUnlessLastAdminAsync(User user, long expectedVersion, CancellationToken ct)
    {
        if (!db.InTransaction)
        {
            throw new InvalidOperationException("Taking the admin role away must run inside a transaction.");
        }

        // SQLite runs one write transaction at a time (BEGIN IMMEDIATE), so the condition below
        // sees every other demotion. PostgreSQL's READ COMMITTED would let two demotions each see
        // the other's administrator still in place; taking turns on a lock held until commit makes
        // the second statement start after the first commits, and see it.
        if (db.Factory.Provider == DatabaseProvider.Postgres)
        {
            await db.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdminRemovalLockKey }, ct);
        }

        var outcome = await WriteAsync(
            Update
                + " AND EXISTS (SELECT 1 FROM users other WHERE other.role = @AdminRole AND other.deleted_at IS NULL AND other.id <> @Id)",
            user,
            expectedVersion,
            ct
        );
        if (outcome != WriteOutcome.VersionMismatch)
        {
            return outcome;
        }

        // No row touched: either the version moved on, or the row is as read and the condition refused it.
        var storedVersion = await db.ExecuteScalarAsync<long?>(
            "SELECT version FROM users WHERE id = @id AND deleted_at IS NULL",
            new { id = user.Id },
            ct
        );
        return storedVersion == expectedVersion ? WriteOutcome.Refused : WriteOutcome.VersionMismatch;
    }

    private async Task<WriteOutcome> WriteAsync(string sql, User user, long expectedVersion, CancellationToken ct)
    {
        var parameters = Parameters(user);
        parameters.ExpectedVersion = expectedVersion;
        var outcome = await db.WriteAsync(sql, parameters, ct);
        if (outcome == WriteOutcome.Written)
        {
            await db.AfterCommitAsync(() => cache.InvalidateAsync(AccessScope(user.Id)));
        }

        return outcome;
    }

    public Task SaveLoginStateAsync(User user, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE users SET failed_login_count = @FailedLoginCount, locked_until = @LockedUntil WHERE id = @Id",
            new
            {
                user.Id,
                user.FailedLoginCount,
                user.LockedUntil,
            },
            ct
        );

    public async Task<int?> ClaimLoginAttemptAsync(
        Guid id,
        int freeAttempts,
        DateTimeOffset lockedUntil,
        DateTimeOffset now,
        CancellationToken ct
    ) =>
        await db.ExecuteScalarAsync<int?>(
            """
            UPDATE users
            SET failed_login_count = failed_login_count + 1,
                locked_until = CASE WHEN failed_login_count + 1 >= @freeAttempts THEN @lockedUntil ELSE locked_until END
            WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING failed_login_count
            """,
            new
            {
                id,
                freeAttempts,
                lockedUntil,
                now,
            },
            ct
        );

    public async Task ExtendLockoutAsync(User user, CancellationToken ct)
    {
        if (user.LockedUntil is { } lockedUntil)
        {
            await db.ExecuteAsync(
                "UPDATE users SET locked_until = @lockedUntil WHERE id = @Id AND (locked_until IS NULL OR locked_until < @lockedUntil)",
                new { user.Id, lockedUntil },
                ct
            );
        }
    }

    /// <summary>Asked on every authenticated request, so cached; every write to the user invalidates it.</summary>
    public Task<CallerAccess?> GetAccessAsync(Guid id, CancellationToken ct) =>
        cache.GetOrLoadAsync(
            AccessScope(id),
            "access",
            CacheJson.Default.CallerAccess,
            async () =>
            {
                var rows = await db.QueryAsync<(Guid SecurityStamp, int Role)>(
                    "SELECT security_stamp, role FROM users WHERE id = @id AND deleted_at IS NULL",
                    new { id },
                    ct
                );
                return rows.Count == 0 ? null : new CallerAccess(rows[0].SecurityStamp, (Role)rows[0].Role);
            }
        );

    private static string AccessScope(Guid userId) => "user:" + userId.ToString("N");

    public Task<IReadOnlyList<User>> ListAsync(UserListQuery query, CancellationToken ct)
    {
        // Only the filters in use go into the statement: PostgreSQL cannot type "@p IS NULL".
        var where = "deleted_at IS NULL";
        if (query.After is not null)
        {
            where += " AND id > @after";
        }

        if (query.Search is not null)
        {
            where +=
                " AND (email_normalized LIKE @pattern ESCAPE '\\' OR upper(first_name || ' ' || last_name) LIKE @pattern ESCAPE '\\')";
        }

        return db.QueryAsync<User>(
            $"SELECT {Columns} FROM users WHERE {where} ORDER BY id LIMIT @take",
            new
            {
                after = query.After ?? Guid.Empty,
                pattern = ContainsPattern(query.Search),
                take = query.Take,
            },
            ct
        );
    }

    private static string? ContainsPattern(string? search) =>
        search is null
            ? null
            : "%"
                + search
                    .ToUpperInvariant()
                    .Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal)
                + "%";

    private static UserParameters Parameters(User user) =>
        new()
        {
            Id = user.Id,
            Email = user.Email,
            EmailNormalized = User.NormalizeEmail(user.Email),
            FirstName = user.FirstName,
            LastName = user.LastName,
            Role = (int)user.Role,
            PasswordHash = user.PasswordHash,
            SecurityStamp = user.SecurityStamp,
            FailedLoginCount = user.FailedLoginCount,
            LockedUntil = user.LockedUntil,
            CreatedAt = user.CreatedAt,
            UpdatedAt = user.UpdatedAt,
            DeletedAt = user.DeletedAt,
            Version = user.Version,
        };

    private sealed class UserParameters
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string EmailNormalized { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public int Role { get; init; }
        public string PasswordHash { get; init; } = "";
        public Guid SecurityStamp { get; init; }
        public int FailedLoginCount { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset? DeletedAt { get; init; }
        public long Version { get; init; }
        public long ExpectedVersion { get; set; }
        public int AdminRole { get; } = (int)Domain.Users.Role.Admin;
    }
}
