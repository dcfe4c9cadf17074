using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Taskforge.Application.Common;

namespace Taskforge.Api.Http;

/// <summary>The list envelope of the contract: <c>{ items, nextCursor }</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class ListPage
{
    /// <summary>A use case's page as the envelope: each item in its representation, the next position sealed into an opaque cursor.</summary>
    public static ListPage<TResponse> Of<TItem, TKey, TResponse>(
        Page<TItem, TKey> page,
        Func<TItem, TResponse> toResponse,
        Cursors cursors,
        JsonTypeInfo<TKey> keyType
    )
        where TKey : class =>
        new(page.Items.Select(toResponse).ToList(), page.Next is null ? null : cursors.Encode(page.Next, keyType));
}

/// <summary>Reads and checks <c>?limit=</c> and <c>?cursor=</c>.</summary>
public static class PageParameters
{
    public static Result<(int Limit, TKey? After)> Read<TKey>(
        string? limit,
        string? cursor,
        Cursors cursors,
        JsonTypeInfo<TKey> keyType
    )
        where TKey : class
    {
        var validator = new Validator();
        var take = Paging.DefaultLimit;
        if (
            limit is not null
            && (
                !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take)
                || take < 1
                || take > Paging.MaxLimit
            )
        )
        {
            validator.Add("limit", $"must be a whole number from 1 to {Paging.MaxLimit}.");
        }

        TKey? after = null;
        if (cursor is not null && !cursors.TryDecode(cursor, keyType, out after))
        {
            validator.Add("cursor", "is not a cursor this list issued.");
        }

        return validator.IsValid ? (take, after) : validator.ToError();
    }
}
