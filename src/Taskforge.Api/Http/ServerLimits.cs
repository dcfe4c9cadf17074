using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Taskforge.Api.Http;

/// <summary>
/// Every limit the server enforces on a connection or a request, chosen here on purpose rather
/// than inherited: Kestrel's limits, the request timeout, and how long a shutdown waits.
/// </summary>
public static class ServerLimits
{
    /// <summary>
    /// How long SIGTERM waits for in-flight requests and background work before the host gives up.
    /// Below the 30 s that Kubernetes (terminationGracePeriodSeconds) and compose files here
    /// (stop_grace_period) allow before SIGKILL, so a clean stop always finishes first.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The longest an API request may run. Well under nginx's 60 s proxy_read_timeout, so a client
    /// gets this service's problem (with Retry-After) rather than a proxy's bare 504.
    /// </summary>
    public static readonly TimeSpan ApiRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Test-only: the request timeout in seconds, so a test can outlast it without waiting 30 s.
    /// Ignored in Production.
    /// </summary>
    public const string TestRequestTimeoutSetting = "Testing:RequestTimeoutSeconds";

    private const int TimeoutRetryAfterSeconds = 5;

    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = kestrel.Limits;

            // The contract's 413: the same limit the body check in HttpConventions applies.
            limits.MaxRequestBodySize = HttpConventions.MaxBodyBytes;

            // A bearer token, a client version and the usual browser headers fit many times over;
            // more is abuse (431). Kestrel's defaults (32 KiB, 100) are kept deliberately, not by accident.
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestHeaderCount = 100;

            // The longest legitimate line is a list URL with a 4 KiB cursor and a search query.
            limits.MaxRequestLineSize = 8 * 1024;

            // A client that dribbles its headers is dropped (slowloris); 10 s suits any real client.
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);

            // Above nginx's keepalive_timeout (60 s) toward its upstreams: the proxy closes idle
            // connections first, so it never sends a request on one this server is closing.
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(75);

            // A body slower than 240 bytes/s after a 5 s grace ties up a connection for nothing.
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });

        // A default policy covers every endpoint; the hub opts out (its connections live for hours).
        // Read when the options are first used, so configuration added after this call counts too.
        builder.Services.AddRequestTimeouts();
        builder
            .Services.AddOptions<RequestTimeoutOptions>()
            .Configure<IConfiguration, IHostEnvironment>(
                (options, configuration, environment) =>
                {
                    var timeout = RequestTimeout(configuration, environment);
                    options.DefaultPolicy = new RequestTimeoutPolicy
                    {
                        Timeout = timeout,
                        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                        WriteTimeoutResponse = context => WriteTimeoutProblemAsync(context, timeout),
                    };
                }
            );
        return builder;
    }

    // 503, not 504: this service is no gateway, and a request that runs out of time here is one
    // it cannot serve right now (usually a slow database), which the contract answers with 503
    // and Retry-After. A 504 would also be indistinguishable from nginx's own.
    private static async Task WriteTimeoutProblemAsync(HttpContext context, TimeSpan timeout)
    {
        // The timeout cancelled RequestAborted, and the problem writer honours it: without this the
        // answer would be a 503 with an empty body. The middleware restores the client's own token after.
        context.RequestAborted = CancellationToken.None;
        context.Response.Headers.RetryAfter = TimeoutRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context
            .RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Detail =
                            $"The request did not finish within {timeout.TotalSeconds:0.#} seconds. Try again in {TimeoutRetryAfterSeconds} seconds.",
                    },
                }
            );
    }

    private static TimeSpan RequestTimeout(IConfiguration configuration, IHostEnvironment environment)
    {
        var seconds = environment.IsProduction() ? null : configuration[TestRequestTimeoutSetting];
        return double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value)
            : ApiRequestTimeout;
    }
}
