using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Taskforge.Infrastructure.Outbound;

namespace Taskforge.Infrastructure.Webhooks;

/// <summary>
/// POSTs one signed delivery. Every connection goes through the <see cref="OutboundConnector"/>
/// (resolve, check each address, connect to a checked one); no proxy, no redirects (a 3xx is a
/// failure), 10 s for the whole exchange, and at most 4 KiB of the answer is read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly OutboundAddressPolicy _policy;
    private readonly TimeProvider _time;

    public WebhookSender(OutboundAddressPolicy policy, OutboundConnector connector, TimeProvider time)
    {
        _policy = policy;
        _time = time;
        _client = new HttpClient(
            new SocketsHttpHandler
            {
                ConnectCallback = connector.ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                ConnectTimeout = WebhookSettings.Timeout,
                MaxResponseHeadersLength = 16,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            }
        )
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Taskforge-Webhooks", "1.0"));
    }

    /// <summary>One attempt; throws <see cref="OperationCanceledException"/> only when <paramref name="stoppingToken"/> fires.</summary>
    public async Task<WebhookAttempt> SendAsync(ClaimedWebhookDelivery delivery, CancellationToken stoppingToken)
    {
        if (!Uri.TryCreate(delivery.Url, UriKind.Absolute, out var url) || _policy.SchemeRefusal(url) is not null)
        {
            return new WebhookAttempt(null, "Refused: the URL must use https.");
        }

        var body = Encoding.UTF8.GetBytes(delivery.Envelope);
        var id = delivery.EventId.ToString("D");
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secret, id, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(WebhookSettings.Timeout);
        try
        {
            using var response = await _client.SendAsync(
                request,
                HttpCompletionOption.ResponseHeadersRead,
                timeout.Token
            );
            await DrainAsync(response, stoppingToken, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new WebhookAttempt(status, null)
                : new WebhookAttempt(status, Describe(status));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"No answer within {WebhookSettings.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e) when (Find<OutboundTargetRefusedException>(e) is { } refused)
        {
            return new WebhookAttempt(null, $"Refused: the URL {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            return new WebhookAttempt(null, $"Request failed: {reason}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(int status) =>
        status is >= 300 and < 400
            ? $"HTTP {status}: redirects are not followed."
            : $"HTTP {status}: only a 2xx answer is a success.";

    // The answer is its status; the body is read a little (so the connection can be reused) and
    // never waited for beyond the deadline: a receiver that trickles it cannot hold a sender.
    private static async Task DrainAsync(
        HttpResponseMessage response,
        CancellationToken stoppingToken,
        CancellationToken ct
    )
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[WebhookSettings.MaxResponseBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            {
                read += n;
            }
        }
        catch (Exception e)
            when (e is IOException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            // What the receiver sends after its status does not change the outcome.
        }
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }
}
