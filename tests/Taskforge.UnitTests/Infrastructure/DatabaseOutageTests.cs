using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.UnitTests.Infrastructure;

public sealed class DatabaseOutageTests
{
    public static TheoryData<string, Exception> Outages =>
        new()
        {
            {
                "connection refused",
                new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111))
            },
            {
                "connection lost",
                new NpgsqlException("Exception while reading from stream", new EndOfStreamException())
            },
            {
                "no pooled connection in time",
                new NpgsqlException("The connection pool has been exhausted", new TimeoutException())
            },
            { "admin shutdown", Postgres("57P01") },
            { "crash shutdown", Postgres("57P02") },
            { "cannot connect now", Postgres("57P03") },
            { "connection failure", Postgres("08006") },
            { "too many connections", Postgres("53300") },
            { "sqlite busy", new SqliteException("database is locked", 5) },
            { "sqlite cannot open", new SqliteException("unable to open database file", 14) },
            { "sqlite disk i/o error", new SqliteException("disk I/O error", 10) },
            { "a timeout", new TimeoutException() },
            {
                "an outage wrapped by someone else",
                new InvalidOperationException("load failed", new NpgsqlException("x", new SocketException(111)))
            },
        };

    public static TheoryData<string, Exception> Bugs =>
        new()
        {
            { "unique violation", Postgres("23505") },
            { "undefined table", Postgres("42P01") },
            { "statement cancelled", Postgres("57014") },
            { "serialization failure", Postgres("40001") },
            { "sqlite constraint", new SqliteException("UNIQUE constraint failed", 19) },
            { "sqlite error", new SqliteException("no such table: users", 1) },
            { "npgsql misuse", new NpgsqlException("bad", new FormatException()) },
            { "invalid operation", new InvalidOperationException("bug") },
            { "an argument", new ArgumentException("bug") },
            { "a server answer wrapped by someone else", new InvalidOperationException("x", Postgres("42601")) },
        };

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_unreachable_database_is_an_outage(string what, Exception exception)
    {
        DatabaseOutage.IsOutage(exception).Should().BeTrue(what);
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Any_other_failure_is_not(string what, Exception exception)
    {
        DatabaseOutage.IsOutage(exception).Should().BeFalse(what);
    }

    private static PostgresException Postgres(string state) => new("message", "ERROR", "ERROR", state);
}
