using System.Collections;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// A list of ids as one statement parameter. PostgreSQL takes it as one array
/// (<c>column = ANY(@list)</c>); for SQLite Dapper expands it, one parameter per id and without
/// the type handlers, so the ids go as the text SQLite stores. The value is typed as a list, or
/// Dapper would pass it as one value.
/// </summary>
internal static class IdLists
{
    public static string Matches(DatabaseProvider provider, string column, string parameter) =>
        provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    public static IEnumerable Values(DatabaseProvider provider, IEnumerable<Guid> ids) =>
        provider == DatabaseProvider.Postgres ? ids.ToArray() : ids.Select(id => id.ToString("D")).ToArray();
}
