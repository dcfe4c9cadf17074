using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Gives parameters the <c>@</c> their statements name them with. Dapper names a parameter
/// without it (<c>ownerId</c>), and Microsoft.Data.Sqlite then looks the name up in each statement
/// four times, as it is and with each prefix it knows (<c>@</c>, <c>$</c>, <c>:</c>, the last two
/// to refuse an ambiguous name), building a string and its UTF-8 copy for each: a fifth of what a
/// create allocated, inside the writer's turn. With the prefix the first look-up finds it. Every
/// statement of ours writes its parameters as <c>@name</c>.
/// </summary>
internal static class SqliteParameterNames
{
    // Names come from the code's statements, so there are few; the bound only guards against
    // names made per call (Dapper's expanded IN lists number theirs), which are then not kept.
    private const int MaxNames = 4096;
    private static readonly ConcurrentDictionary<string, string> Prefixed = new(StringComparer.Ordinal);

    public static void Prefix(SqliteParameterCollection parameters)
    {
        // By index: the collection's enumerator is the non-generic one, boxed.
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var name = parameter.ParameterName;
            if (name.Length > 0 && name[0] is not ('@' or '$' or ':'))
            {
                parameter.ParameterName = PrefixedName(name);
            }
        }
    }

    private static string PrefixedName(string name)
    {
        if (Prefixed.TryGetValue(name, out var prefixed))
        {
            return prefixed;
        }

        prefixed = "@" + name;
        if (Prefixed.Count < MaxNames)
        {
            Prefixed.TryAdd(name, prefixed);
        }

        return prefixed;
    }
}
