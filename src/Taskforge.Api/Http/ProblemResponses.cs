using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Application.Common;

namespace Taskforge.Api.Http;

/// <summary>Maps a use case's <see cref="Error"/> to an RFC 9457 problem response.</summary>
public static class ProblemResponses
{
    public static ProblemHttpResult ToProblem(this Error error, HttpContext context)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status500InternalServerError,
        };

        if (error.Kind == ErrorKind.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = error.Fields is { } fields
            ? new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Detail = error.Detail;
        return TypedResults.Problem(problem);
    }

    /// <summary>Adds what every problem carries here: the request path as instance, and a trace id.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Instance ??= http.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        if (problem.Status is { } status && problem.Type is null or "about:blank")
        {
            problem.Type = $"https://httpstatuses.io/{status}";
        }

        problem.Title ??= ReasonPhrases.For(problem.Status ?? 500);
        problem.Detail ??= problem.Title;
    }
}
