using System.Text.Json;
using System.Text.RegularExpressions;

namespace Taskforge.IntegrationTests.Infrastructure.ApiContract;

/// <summary>
/// Checks recorded answers against an OpenAPI document: the status must be documented for the
/// operation, the headers the API sets on purpose must be documented for that status, and a
/// JSON body must match the documented schema of its media type.
/// </summary>
public sealed class OpenApiTraffic
{
    /// <summary>The headers the app sets on purpose; each must be documented where it appears.</summary>
    private static readonly string[] Meaningful =
    [
        "ETag",
        "Location",
        "Retry-After",
        "WWW-Authenticate",
        "RateLimit-Policy",
        "RateLimit",
        "Deprecation",
        "Sunset",
        "Idempotent-Replayed",
        "Upgrade",
    ];

    private readonly JsonElement _document;
    private readonly JsonSchemaSubset _schemas;
    private readonly List<(Regex Pattern, JsonElement Item)> _paths;

    public OpenApiTraffic(JsonElement document)
    {
        _document = document;
        _schemas = new JsonSchemaSubset(document);
        _paths = document
            .GetProperty("paths")
            .EnumerateObject()
            .OrderBy(p => p.Name.Count(c => c == '{'))
            .Select(p => (Template(p.Name), p.Value))
            .ToList();
    }

    /// <summary>The problems with one answer; none when it is what the document says.</summary>
    public IReadOnlyList<string> Check(RecordedResponse response)
    {
        var errors = new List<string>();
        var at = $"{response.Method} {response.Path} -> {response.Status}";
        var item = _paths.Where(p => p.Pattern.IsMatch(response.Path)).Select(p => p.Item).FirstOrDefault();
        if (item.ValueKind != JsonValueKind.Object)
        {
            // Not a documented path: routing answers 404 (or 405), which no operation owns.
            if (response.Status is not (404 or 405))
            {
                errors.Add($"{at}: the path is not in the document");
            }

            return errors;
        }

        if (!item.TryGetProperty(response.Method.ToLowerInvariant(), out var operation))
        {
            if (response.Status != 405 && !(response.Method == "HEAD" && item.TryGetProperty("get", out _)))
            {
                errors.Add($"{at}: the method is not documented for this path");
            }

            return errors;
        }

        if (!operation.GetProperty("responses").TryGetProperty(response.Status.ToString(), out var documented))
        {
            errors.Add($"{at}: status {response.Status} is not documented");
            return errors;
        }

        documented.TryGetProperty("headers", out var headers);
        foreach (var name in Meaningful)
        {
            if (response.Headers.ContainsKey(name) && !HasHeader(headers, name))
            {
                errors.Add($"{at}: the header {name} is not documented for this status");
            }
        }

        CheckBody(response, documented, at, errors);
        return errors;
    }

    private void CheckBody(RecordedResponse response, JsonElement documented, string at, List<string> errors)
    {
        if (response.Body.Length == 0 || response.Method == "HEAD")
        {
            return;
        }

        var mediaType = response.ContentType?.Split(';')[0].Trim() ?? "";
        if (!documented.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
        {
            errors.Add($"{at}: a {mediaType} body, which is not documented for this status");
            return;
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || !media.TryGetProperty("schema", out var schema))
        {
            return;
        }

        JsonElement body;
        try
        {
            using var parsed = JsonDocument.Parse(response.Body);
            body = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.Add($"{at}: the body is not JSON ({e.Message})");
            return;
        }

        var found = new List<string>();
        _schemas.Check(schema, body, "body", found);
        errors.AddRange(found.Select(f => $"{at}: {f}"));
    }

    private static bool HasHeader(JsonElement headers, string name) =>
        headers.ValueKind == JsonValueKind.Object
        && headers.EnumerateObject().Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Regex Template(string path) =>
        new(
            "^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+\}", "[^/]+") + "/?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase
        );

    /// <summary>The document a path belongs to: v2's for /api/v2, v1's for everything else.</summary>
    public static string DocumentFor(string path) =>
        path.StartsWith("/api/v2", StringComparison.OrdinalIgnoreCase) ? "v2" : "v1";

    public JsonElement Document => _document;
}
