using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary><c>Telemetry:Otlp:Endpoint</c>: the collector's base address; traces go to <c>/v1/traces</c>, metrics to <c>/v1/metrics</c>.</summary>
public sealed record OtlpSettings(Uri Endpoint)
{
    public const string EndpointKey = "Telemetry:Otlp:Endpoint";

    public Uri Traces => new($"{Endpoint.AbsoluteUri.TrimEnd('/')}/v1/traces");

    public Uri Metrics => new($"{Endpoint.AbsoluteUri.TrimEnd('/')}/v1/metrics");

    /// <summary>Null when no collector is configured: then nothing is exported and nothing listens.</summary>
    public static OtlpSettings? From(IConfiguration configuration)
    {
        var value = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return
            Uri.TryCreate(value, UriKind.Absolute, out var endpoint)
            && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)
            ? new OtlpSettings(endpoint)
            : throw new StartupException(
                $"{EndpointKey} must be an absolute http or https address (for example http://collector:4318)."
            );
    }
}
