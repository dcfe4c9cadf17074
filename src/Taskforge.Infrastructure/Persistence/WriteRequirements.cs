using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.Application.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Conditions a write transaction commits under, checked by the database where they stand among
/// the transaction's queued writes (<see cref="DbSession.RequireAsync"/>). A false one raises an
/// error carrying a code of ours, so the writes after it are not made, and the session answers
/// the code's <see cref="WriteOutcome"/> instead of committing. On PostgreSQL the check is
/// taskforge_require (migration 0018); on SQLite a function of the writer connection.
/// </summary>
internal static class WriteRequirements
{
    private const string Function = "taskforge_require";
    private const string MessagePrefix = "taskforge requirement ";

    // Shaped like SQLSTATEs (five characters), which PostgreSQL requires of a raised error's code.
    private static readonly (WriteOutcome Outcome, string Code)[] Codes =
    [
        (WriteOutcome.Refused, "TF001"),
        (WriteOutcome.VersionMismatch, "TF002"),
    ];

    /// <summary>A statement that fails with <paramref name="otherwise"/>'s code unless the boolean <paramref name="condition"/> holds.</summary>
    public static string Check(string condition, WriteOutcome otherwise) =>
        $"SELECT {Function}({condition}, '{CodeOf(otherwise)}')";

    public static WriteOutcome? Failed(Exception exception) =>
        exception switch
        {
            PostgresException e => OutcomeOf(e.SqlState),
            SqliteException e when e.Message.IndexOf(MessagePrefix, StringComparison.Ordinal) is var at and >= 0 =>
                OutcomeOf(e.Message.Substring(at + MessagePrefix.Length, 5)),
            _ => null,
        };

    /// <summary>Makes <c>taskforge_require</c> known to a SQLite connection.</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<long, string, long>(
            Function,
            (ok, code) => ok != 0 ? 1 : throw new InvalidOperationException(MessagePrefix + code),
            isDeterministic: false
        );

    private static string CodeOf(WriteOutcome outcome) =>
        Array.Find(Codes, entry => entry.Outcome == outcome).Code
        ?? throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "No requirement fails with this outcome.");

    private static WriteOutcome? OutcomeOf(string code) =>
        Array.FindIndex(Codes, entry => entry.Code == code) is var index and >= 0 ? Codes[index].Outcome : null;
}
