using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Taskforge.Api.Http;

/// <summary>
/// Strong ETags built from a resource's version. The version is what the database compares
/// in the same UPDATE that writes, so an If-Match check has no read-to-write window.
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = For(version);

    /// <summary>The version an If-Match demands: null when absent or "*", -1 when nothing in it can match.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return -1;
        }

        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return null;
            }

            if (!tag.IsWeak && TryVersion(tag, out var version))
            {
                return version;
            }
        }

        return -1;
    }

    /// <summary>True when If-None-Match names the current version (weak comparison, as RFC 9110 asks for GET).</summary>
    public static bool IsNotModified(HttpRequest request, long version)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (TryVersion(tag, out var v) && v == version));
    }

    private static bool TryVersion(EntityTagHeaderValue tag, out long version) =>
        long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
