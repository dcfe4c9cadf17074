using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Api.Http;

/// <summary>
/// The global handler. Bad requests the framework detects (malformed JSON, wrong types,
/// oversized bodies, wrong media type) become 4xx problems with field errors; an unreachable
/// database is a 503 with Retry-After; anything else is a bug: logged in full, answered as a bare
/// 500 that reveals nothing.
/// </summary>
public sealed partial class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger)
    : IExceptionHandler
{
    /// <summary>How long a client should wait before trying again while the database is unreachable.</summary>
    public const int OutageRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken
    )
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = BadRequest(bad);
        }
        else if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }
        else if (DatabaseOutage.IsOutage(exception))
        {
            LogOutage(exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = OutageRetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail =
                    $"The service cannot reach its database right now. Try again in {OutageRetryAfterSeconds} seconds.",
            };
        }
        else
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Detail = "An unexpected error occurred. It has been logged.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            }
        );
    }

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        var json = FindJsonException(bad);
        if (bad.StatusCode == StatusCodes.Status400BadRequest && json is not null)
        {
            // The reader fails on broken syntax; the converters fail on a well-formed value of the wrong type.
            var malformed = IsSyntaxError(json);
            var errors = malformed
                ? new Dictionary<string, string[]> { ["body"] = [$"is not well-formed JSON (at {json.Path ?? "$"})."] }
                : new Dictionary<string, string[]>
                {
                    [FieldName(json.Path)] = ["has a value of the wrong type or form."],
                };
            return new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = malformed
                    ? "The request body is not well-formed JSON."
                    : "A field of the request body has the wrong type.",
            };
        }

        var detail = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the 1 MiB this API accepts.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (application/json).",
            _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                "The request body is missing or unreadable.",
            _ => "The request is malformed.",
        };
        return new ProblemDetails { Status = bad.StatusCode, Detail = detail };
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static bool IsSyntaxError(JsonException json)
    {
        for (Exception? e = json; e is not null; e = e.InnerException)
        {
            if (e.GetType().Name == "JsonReaderException")
            {
                return true;
            }
        }

        return false;
    }

    // "$.tags[2]" -> "tags[2]"; "$" (the document itself) -> "body".
    private static string FieldName(string? path) =>
        path is null or "$" ? "body"
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unreachable; answered 503 to {Method} {Path}")]
    private partial void LogOutage(Exception exception, string method, string path);
}
