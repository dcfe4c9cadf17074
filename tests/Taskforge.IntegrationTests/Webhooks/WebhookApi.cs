using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Webhooks;

/// <summary>Short calls for the webhook routes, and the settings the delivery tests run with.</summary>
public static class WebhookApi
{
    public const string WebhooksPath = "/api/v1/webhooks";

    /// <summary>A public address that needs no DNS; nothing is ever delivered to it in these tests.</summary>
    public const string PublicUrl = "https://93.184.215.14/hooks/taskforge";

    public static async Task<(Guid Id, string Secret, JsonElement Webhook)> CreateWebhookAsync(
        this HttpClient client,
        string url,
        params string[] events
    )
    {
        var response = await client.PostAsJsonAsync(
            WebhooksPath,
            new
            {
                url,
                events = events.Length == 0 ? ["*"] : events,
                description = "test receiver",
            }
        );
        response.EnsureStatus(HttpStatusCode.Created);
        var webhook = await response.JsonAsync();
        return (webhook.Id(), webhook.Text("secret"), webhook);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient client, Guid webhookId) =>
        await client.ListAllAsync($"{WebhooksPath}/{webhookId}/deliveries", 200);

    /// <summary>Fast workers, targets on loopback over plain http, and short retries.</summary>
    public static TaskforgeApp WithWebhookReceiverSettings(this TaskforgeApp app, params double[] retryDelaysSeconds)
    {
        app.WithFastWorkers().With("Outbound:AllowPrivateTargets", "true");
        var delays = retryDelaysSeconds.Length == 0 ? [0.05, 0.05] : retryDelaysSeconds;
        for (var i = 0; i < delays.Length; i++)
        {
            app.With($"Webhooks:RetryDelaysSeconds:{i}", delays[i].ToString(CultureInfo.InvariantCulture));
        }

        return app;
    }

    /// <summary>Waits until the webhook's deliveries satisfy <paramref name="condition"/>; answers them.</summary>
    public static async Task<List<JsonElement>> WaitForDeliveriesAsync(
        this HttpClient client,
        Guid webhookId,
        Func<List<JsonElement>, bool> condition,
        string what
    )
    {
        var deliveries = new List<JsonElement>();
        await Deadline.WaitUntilAsync(
            async () =>
            {
                deliveries = await client.DeliveriesAsync(webhookId);
                return condition(deliveries);
            },
            TimeSpan.FromSeconds(30),
            what
        );
        return deliveries;
    }
}
