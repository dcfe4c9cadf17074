using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Application.Common;
using Taskforge.Domain.Common;

namespace Taskforge.Api.Http;

/// <summary>How a single resource is answered: with its strong ETag, or as the use case's problem.</summary>
public static class Representations
{
    /// <summary>200 with the ETag; 304 when If-None-Match already names it.</summary>
    public static Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult> Read<TEntity, TResponse>(
        Result<TEntity> result,
        HttpContext http,
        Func<TEntity, TResponse> toResponse
    )
        where TEntity : Entity
    {
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        ETags.Set(http, result.Value.Version);
        return ETags.IsNotModified(http.Request, result.Value.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(toResponse(result.Value));
    }

    /// <summary>200 with the new ETag after a write.</summary>
    public static Results<Ok<TResponse>, ProblemHttpResult> Written<TEntity, TResponse>(
        Result<TEntity> result,
        HttpContext http,
        Func<TEntity, TResponse> toResponse
    )
        where TEntity : Entity
    {
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        ETags.Set(http, result.Value.Version);
        return TypedResults.Ok(toResponse(result.Value));
    }

    /// <summary>201 with Location (under the request's API version) and the ETag after a create.</summary>
    public static Results<Created<TResponse>, ProblemHttpResult> Created<TEntity, TResponse>(
        Result<TEntity> result,
        HttpContext http,
        string collection,
        Func<TEntity, TResponse> toResponse
    )
        where TEntity : Entity
    {
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        ETags.Set(http, result.Value.Version);
        return TypedResults.Created(
            $"{ApiVersions.PrefixOf(http.Request.Path)}/{collection}/{result.Value.Id}",
            toResponse(result.Value)
        );
    }
}
