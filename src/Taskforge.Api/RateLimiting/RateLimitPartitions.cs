using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.RateLimiting;

/// <summary>
/// Chooses each request's one limit: auth routes per client IP; the rest of the API per user,
/// or per client IP when anonymous. Health checks and documentation are never limited.
/// </summary>
public sealed class RateLimitPartitions(
    RateLimitSettings settings,
    RedisWindowCounter? sharedCounter,
    ILoggerFactory loggers
)
{
    public const string AuthPolicy = "auth";
    public const string GeneralPolicy = "general";

    private readonly ILogger _logger = loggers.CreateLogger<SharedWindowLimiter>();

    public static (string Name, WindowPolicy Policy)? PolicyFor(HttpContext context, RateLimitSettings settings)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return
            path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v2/auth", StringComparison.OrdinalIgnoreCase)
            ? (AuthPolicy, settings.Auth)
            : (GeneralPolicy, settings.General);
    }

    public RateLimitPartition<string> Partition(HttpContext context)
    {
        if (PolicyFor(context, settings) is not var (name, policy))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var client =
            name == GeneralPolicy && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                ? "user:" + userId
                : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var key = $"{name}:{client}";

        return sharedCounter is null
            ? RateLimitPartition.GetFixedWindowLimiter(
                key,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = policy.PermitLimit,
                    Window = policy.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }
            )
            : RateLimitPartition.Get(
                key,
                k => new SharedWindowLimiter("taskforge:ratelimit:" + k, policy, sharedCounter, _logger)
            );
    }

    /// <summary>429 as a problem, with Retry-After and the IETF RateLimit-Policy / RateLimit fields.</summary>
    public static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, RateLimitSettings settings)
    {
        var context = rejected.HttpContext;
        var (name, policy) = PolicyFor(context, settings) ?? (GeneralPolicy, settings.General);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : policy.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds;
        context.Response.Headers["RateLimit-Policy"] = $"\"{name}\";q={policy.PermitLimit};w={policy.WindowSeconds}";
        context.Response.Headers["RateLimit"] = $"\"{name}\";r=0;t={seconds}";

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Detail =
                        $"Rate limit exceeded: at most {policy.PermitLimit} requests per {policy.WindowSeconds} s. Retry after {seconds} s.",
                },
            }
        );
    }
}
