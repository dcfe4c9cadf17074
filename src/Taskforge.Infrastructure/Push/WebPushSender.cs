using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Taskforge.Application.Push;
using Taskforge.Application.Webhooks;
using Taskforge.Infrastructure.Outbound;

namespace Taskforge.Infrastructure.Push;

/// <summary>
/// Sends RFC 8030 push messages: encrypted (RFC 8291), signed (RFC 8292), to an address checked
/// at connect time by the same outbound rules as webhooks (so a DNS answer that changes after
/// validation cannot reach inside), with no redirects, a 10 s timeout, and only a little of any
/// answer read.
/// </summary>
public sealed partial class WebPushSender : IPushService, IDisposable
{
    public const int TimeToLiveSeconds = 86400;
    private const int MaxAnswerBytes = 4096;

    private readonly VapidKeys? _keys;
    private readonly IOutboundTargets _targets;
    private readonly TimeProvider _time;
    private readonly ILogger<WebPushSender> _logger;
    private readonly HttpClient _http;

    public WebPushSender(
        VapidKeys? keys,
        IOutboundTargets targets,
        OutboundConnector connector,
        TimeProvider time,
        ILogger<WebPushSender> logger
    )
    {
        _keys = keys;
        _targets = targets;
        _time = time;
        _logger = logger;
        _http = new HttpClient(
            new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = connector.ConnectAsync,
            }
        )
        {
            Timeout = TimeSpan.FromSeconds(10),
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
    }

    public string? PublicKey => _keys?.PublicKey;

    public Task<string?> RefuseEndpointAsync(string endpoint, CancellationToken ct)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            return Task.FromResult<string?>("must be an absolute URL.");
        }

        return url.UserInfo.Length > 0
            ? Task.FromResult<string?>("must not carry a user name or password.")
            : _targets.RefusalAsync(url, ct);
    }

    public bool IsClientKey(string p256dh) => WebPushEncryption.IsPublicKey(Base64Url.TryDecode(p256dh));

    public async Task<PushOutcome> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken ct)
    {
        var keys = _keys ?? throw new InvalidOperationException("Web Push is off: no VAPID keys.");
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(
            payload,
            Base64Url.TryDecode(subscription.P256dh)!,
            Base64Url.TryDecode(subscription.Auth)!
        );
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation(
            "TTL",
            TimeToLiveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        request.Headers.TryAddWithoutValidation("Urgency", "high");
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            VapidSignature.AuthorizationFor(endpoint, keys, _time.GetUtcNow())
        );

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        switch (status)
        {
            case >= 200 and < 300:
                return PushOutcome.Delivered;
            case 404 or 410:
                LogGone(subscription.Id, status);
                return PushOutcome.Gone;
            case 429 or >= 500:
                throw new HttpRequestException(
                    $"The push service answered {status}; trying again later.",
                    null,
                    response.StatusCode
                );
            default:
                LogRefused(subscription.Id, status);
                return PushOutcome.Refused;
        }
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Push subscription {SubscriptionId} is gone ({Status}); removing it"
    )]
    private partial void LogGone(Guid subscriptionId, int status);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The push service refused a message for subscription {SubscriptionId} with {Status}; not retrying"
    )]
    private partial void LogRefused(Guid subscriptionId, int status);
}
