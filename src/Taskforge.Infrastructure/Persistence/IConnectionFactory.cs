using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Opens a ready-to-use connection of the configured provider; the only place dialects differ at run time.</summary>
public interface IConnectionFactory
{
    DatabaseProvider Provider { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct);

    bool IsUniqueViolation(DbException exception);
}
