using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Application.Common;
using Taskforge.Infrastructure.Caching;

namespace Taskforge.Api.Http;

/// <summary>
/// A read of the owner's tasks answered with the bytes written the first time this owner asked
/// this exact request (<see cref="RenderedPages"/>): a repeat costs a cache lookup instead of the
/// query, the mapping and the JSON. Any write to the owner's tasks or projects ends them.
/// </summary>
public static class RenderedReads
{
    private const string Json = "application/json; charset=utf-8";

    /// <param name="request">Everything the answer depends on besides the owner's data: the route, its version and its query.</param>
    /// <param name="read">The answer, or the error to send instead (never kept).</param>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SendAsync<T>(
        RenderedPages rendered,
        Guid ownerId,
        string request,
        Func<Task<Result<T>>> read,
        JsonSerializerOptions json,
        HttpContext http
    )
    {
        Error? error = null;
        async Task<byte[]?> RenderAsync()
        {
            var result = await read();
            if (!result.IsSuccess)
            {
                error = result.Error;
                return null;
            }

            return JsonSerializer.SerializeToUtf8Bytes(result.Value, (JsonTypeInfo<T>)json.GetTypeInfo(typeof(T)));
        }

        var body = await rendered.GetOrRenderAsync(ownerId, request, RenderAsync);

        // An error is never kept, and a concurrent identical request's failed attempt is shared
        // without its error: then this request renders its own answer.
        body ??= error is null ? await RenderAsync() : null;
        return body is null ? error!.ToProblem(http) : TypedResults.Bytes(body, Json);
    }
}
