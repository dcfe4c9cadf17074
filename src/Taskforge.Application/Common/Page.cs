namespace Taskforge.Application.Common;

/// <summary>One page of a keyset-paged list; <see cref="Next"/> is the last row's key when more rows follow.</summary>
public sealed record Page<TItem, TKey>(IReadOnlyList<TItem> Items, TKey? Next)
    where TKey : class;

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Fetches one row more than asked, to know whether another page follows without a count query.</summary>
    public static Page<TItem, TKey> Cut<TItem, TKey>(IReadOnlyList<TItem> rows, int limit, Func<TItem, TKey> keyOf)
        where TKey : class
    {
        if (rows.Count <= limit)
        {
            return new Page<TItem, TKey>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        return new Page<TItem, TKey>(items, keyOf(items[^1]));
    }
}
