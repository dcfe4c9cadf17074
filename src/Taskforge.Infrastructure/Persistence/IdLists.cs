using System.Text;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// A list of ids as one statement parameter, so that the statement's text stays the same
/// whatever the list's length. PostgreSQL takes it as one array (<c>column = ANY(@list)</c>);
/// SQLite as one JSON array of the id texts it stores, read by <c>json_each</c>. (Dapper would
/// expand a list into one parameter per id: a new text for every length, parsed and planned
/// again each time, where a fixed text stays prepared on SQLite's writer connection.)
/// </summary>
internal static class IdLists
{
    public static string Matches(DatabaseProvider provider, string column, string parameter) =>
        provider == DatabaseProvider.Postgres
            ? $"{column} = ANY(@{parameter})"
            : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public static object Values(DatabaseProvider provider, IEnumerable<Guid> ids) =>
        provider == DatabaseProvider.Postgres ? ids.ToArray() : JsonArray(ids);

    // Ids in "D" form need no escaping.
    private static string JsonArray(IEnumerable<Guid> ids)
    {
        var json = new StringBuilder("[");
        foreach (var id in ids)
        {
            json.Append(json.Length == 1 ? "\"" : ",\"").Append(id.ToString("D")).Append('"');
        }

        return json.Append(']').ToString();
    }
}
