using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Taskforge.Application.Common;

namespace Taskforge.Api.Http.OpenApi;

/// <summary>
/// What every operation shares, added here once from the middleware that causes it rather than
/// by hand per endpoint: its id, security, the answers any request can get (401, 426, 429, 500,
/// 503 and the rest) and the headers that come with them.
/// </summary>
public static class OperationRules
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>The contract's bound on an Idempotency-Key: 1 to 255 printable ASCII characters.</summary>
    public const int IdempotencyKeyMaxLength = 255;

    public static Task Apply(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken ct
    )
    {
        var description = context.Description;
        var path = "/" + (description.RelativePath ?? "").TrimEnd('/');
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;

        operation.OperationId ??= OperationId(method, path);
        operation.Description ??= operation.Summary;
        operation.Responses ??= [];
        operation.Parameters ??= [];

        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        var isAuthenticated = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = isAuthenticated
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }]
            : [];

        var hasBody = operation.RequestBody is not null;
        var hasPathParameters = path.Contains('{', StringComparison.Ordinal);
        var answersNotModified = ReturnsStatusCodeResult(metadata);
        var checksIfMatch = operation.Responses.ContainsKey("412");

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            Narrow(parameter);
        }

        if (hasBody)
        {
            Problem(operation, document, "400", "The body is not well-formed JSON, or a member is invalid.");
            Problem(operation, document, "413", $"The body is larger than {HttpConventions.MaxBodyBytes} bytes.");
            Problem(operation, document, "415", "The body is not JSON.");
        }

        if (hasPathParameters)
        {
            Problem(operation, document, "404", "No such resource (or not the caller's).");
        }
        else if (path.Contains("/users/me", StringComparison.Ordinal))
        {
            // A token outlives its account by a moment: a request racing the account's deletion.
            Problem(operation, document, "404", "The caller's account no longer exists.");
        }

        if (isAuthenticated)
        {
            Problem(
                operation,
                document,
                "401",
                "No valid access token.",
                ("WWW-Authenticate", "The scheme to authenticate with: Bearer.", Text(200))
            );
        }

        if (isApi)
        {
            Problem(
                operation,
                document,
                "429",
                "Too many requests from this client in the current window.",
                ("Retry-After", "Seconds until the window resets.", Seconds()),
                ("RateLimit-Policy", "The policy that refused the request (IETF RateLimit fields).", Text(200)),
                ("RateLimit", "What is left of the policy's quota.", Text(200))
            );
        }

        if (!IsExemptFromClientVersions(path))
        {
            Problem(
                operation,
                document,
                "426",
                "The build named by X-Client-Platform and X-Client-Version is no longer supported.",
                ("Upgrade", "The platform and its latest version.", Text(200))
            );
        }

        Problem(operation, document, "500", "A bug: logged with the trace id.");
        Problem(
            operation,
            document,
            "503",
            "The database cannot be reached right now.",
            ("Retry-After", "Seconds to wait before trying again.", Seconds())
        );

        if (answersNotModified)
        {
            AddHeaderParameter(operation, "If-None-Match", "An ETag from an earlier answer: 304 while it is current.");
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "Not modified: the If-None-Match ETag is current.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The current ETag.", Text(40)) },
            };
        }

        if (checksIfMatch)
        {
            AddHeaderParameter(
                operation,
                "If-Match",
                "The ETag the change is based on: 412 when it is no longer current."
            );
        }

        if (isApi && method is "POST" or "PATCH")
        {
            AddHeaderParameter(
                operation,
                "Idempotency-Key",
                "1 to 255 printable ASCII characters: the same key with the same body replays the first answer for 24 hours.",
                new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MinLength = 1,
                    MaxLength = IdempotencyKeyMaxLength,
                    Pattern = "^[\\x20-\\x7E]+$",
                }
            );
            Problem(
                operation,
                document,
                "409",
                "A conflict (or a request with the same Idempotency-Key still running)."
            );
            Problem(operation, document, "422", "The Idempotency-Key was used with another body.");
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse answer)
            {
                continue;
            }

            var headers = answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (
                status.StartsWith('2')
                && (answersNotModified || checksIfMatch || status == "201" || method is "PUT" or "PATCH")
            )
            {
                headers.TryAdd("ETag", Header("The resource's current version (a strong ETag).", Text(40)));
            }

            if (status == "401")
            {
                headers.TryAdd("WWW-Authenticate", Header("The scheme to authenticate with: Bearer.", Text(200)));
            }

            if (status == "409" && isApi && method is "POST" or "PATCH")
            {
                headers.TryAdd(
                    "Retry-After",
                    Header("Seconds until a request with the same Idempotency-Key may be done.", Seconds())
                );
            }

            if (status == "201")
            {
                headers.TryAdd("Location", Header("Where the new resource is.", Text(2048)));
            }

            // A kept answer is replayed whatever it was (a 400 too); 5xx answers are never kept.
            if (!status.StartsWith('5') && isApi && method is "POST" or "PATCH")
            {
                headers.TryAdd(
                    "Idempotent-Replayed",
                    Header(
                        "true when this is the kept answer to an earlier request with the same Idempotency-Key.",
                        Text(5)
                    )
                );
            }

            if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                headers.TryAdd("Deprecation", Header("v1 is deprecated (RFC 9745): use v2.", Text(40)));
                headers.TryAdd(
                    "Link",
                    Header("The successor version: </api/v2>; rel=\"successor-version\".", Text(200))
                );
                headers.TryAdd("Sunset", Header("When v1 goes away (RFC 8594), when one is set.", Text(40)));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>"GET /api/v1/tasks/{id}/history" becomes "getTasksByIdHistory": unique within a document.</summary>
    public static string OperationId(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s == "api")
            .SkipWhile(s => s is "v1" or "v2");
        var id = method.ToLowerInvariant();
        foreach (var segment in segments)
        {
            id += segment.StartsWith('{')
                ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0])
                : string.Concat(segment.Split('-').Select(Pascal));
        }

        return id;
    }

    private static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    // GET handlers that can answer 304 return a bare status code (Representations.Read).
    private static bool ReturnsStatusCodeResult(IList<object> metadata) =>
        metadata.OfType<MethodInfo>().Any(m => Mentions(m.ReturnType, typeof(StatusCodeHttpResult)));

    private static bool Mentions(Type type, Type wanted) =>
        type == wanted || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, wanted)));

    private static bool IsExemptFromClientVersions(string path) =>
        path.StartsWith("/health", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/app-versions", StringComparison.Ordinal)
        || path.StartsWith("/api/v2/app-versions", StringComparison.Ordinal);

    /// <summary>Query strings are read as text and checked by the handler; the document says what passes.</summary>
    private static void Narrow(OpenApiParameter parameter)
    {
        if (parameter.In == ParameterLocation.Query && parameter.Name == "limit")
        {
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "1",
                Maximum = Paging.MaxLimit.ToString(CultureInfo.InvariantCulture),
                Default = Paging.DefaultLimit,
            };
            parameter.Description ??= $"Items per page, 1 to {Paging.MaxLimit} (default {Paging.DefaultLimit}).";
        }
        else if (parameter.In == ParameterLocation.Query && parameter.Name == "cursor")
        {
            parameter.Description ??= "The nextCursor of the previous page.";
        }

        if (parameter.Schema is OpenApiSchema schema)
        {
            SchemaRules.Bound(schema);
        }
    }

    private static void AddHeaderParameter(
        OpenApiOperation operation,
        string name,
        string description,
        OpenApiSchema? schema = null
    )
    {
        if (operation.Parameters!.Any(p => p.Name == name && p.In == ParameterLocation.Header))
        {
            return;
        }

        operation.Parameters!.Add(
            new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Description = description,
                Schema = schema ?? Text(200),
            }
        );
    }

    private static void Problem(
        OpenApiOperation operation,
        OpenApiDocument? document,
        string status,
        string description,
        params (string Name, string Description, OpenApiSchema Schema)[] headers
    )
    {
        if (!operation.Responses!.TryGetValue(status, out var existing))
        {
            existing = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
            operation.Responses[status] = existing;
        }

        if (existing is OpenApiResponse response && headers.Length > 0)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, text, schema) in headers)
            {
                response.Headers.TryAdd(name, Header(text, schema));
            }
        }
    }

    private static OpenApiHeader Header(string description, OpenApiSchema schema) =>
        new() { Description = description, Schema = schema };

    private static OpenApiSchema Text(int maxLength) => new() { Type = JsonSchemaType.String, MaxLength = maxLength };

    private static OpenApiSchema Seconds() =>
        new()
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = "1",
            Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        };
}
