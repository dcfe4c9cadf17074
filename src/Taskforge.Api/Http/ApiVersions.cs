using System.Globalization;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Api.Http;

public enum ApiVersion
{
    V1,
    V2,
}

/// <summary>
/// The API versions served side by side (docs/decisions/0010-api-versions.md), and v1's
/// deprecation: <c>Deprecation</c> (RFC 9745), <c>Link</c> to the successor and, when
/// <c>Api:V1:Sunset</c> is set, <c>Sunset</c> (RFC 8594) on every v1 answer.
/// </summary>
public static class ApiVersions
{
    public const string SunsetKey = "Api:V1:Sunset";

    // v1 was deprecated when v2 shipped: 2026-12-01T00:00:00Z.
    private const string V1Deprecation = "@1796083200";

    public static IReadOnlyList<ApiVersion> All { get; } = [ApiVersion.V1, ApiVersion.V2];

    public static string Name(ApiVersion version) => version == ApiVersion.V1 ? "v1" : "v2";

    public static string Prefix(ApiVersion version) => $"/api/{Name(version)}";

    /// <summary>The version prefix of a request path (/api/v1 or /api/v2); v1 outside the API.</summary>
    public static string PrefixOf(PathString path) =>
        path.StartsWithSegments("/api/v2", StringComparison.OrdinalIgnoreCase)
            ? Prefix(ApiVersion.V2)
            : Prefix(ApiVersion.V1);

    public static WebApplication UseV1Deprecation(this WebApplication app)
    {
        var sunset = Sunset(app.Configuration[SunsetKey]);
        app.Use(
            (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
                {
                    // At the start of the answer, so problems written after a cleared response carry them too.
                    context.Response.OnStarting(() =>
                    {
                        var headers = context.Response.Headers;
                        headers["Deprecation"] = V1Deprecation;
                        headers.Append("Link", "</api/v2>; rel=\"successor-version\"");
                        if (sunset is not null)
                        {
                            headers["Sunset"] = sunset;
                        }

                        return Task.CompletedTask;
                    });
                }

                return next(context);
            }
        );
        return app;
    }

    private static string? Sunset(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return DateTimeOffset.TryParse(
            configured,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var date
        )
            ? date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture)
            : throw new StartupException($"{SunsetKey} must be a date, such as 2027-06-30 (got '{configured}').");
    }
}
