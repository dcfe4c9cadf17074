using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Tells an exception that means "the database cannot be reached right now" (refused or lost
/// connections, a server shutting down or not accepting connections yet, no connection in time,
/// a locked or missing SQLite file) from one that means a bug. The web layer answers the first
/// with 503 and Retry-After without knowing either driver.
/// </summary>
public static class DatabaseOutage
{
    private const int SqliteBusy = 5;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // The server answered: only some of its answers mean it is unavailable.
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteCantOpen or SqliteIoError;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    // 08: connection exceptions; 57P: the server shutting down, starting up or the database
    // going away (57P01 admin_shutdown, 57P03 cannot_connect_now, ...); 53300: too many connections.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal)
        || state == PostgresErrorCodes.TooManyConnections;
}
