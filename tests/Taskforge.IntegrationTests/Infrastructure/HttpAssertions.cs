using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

public static class HttpAssertions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> SendRawAsync(
        this HttpClient client,
        HttpMethod method,
        string url,
        string body,
        string contentType = "application/json"
    ) =>
        client.SendAsync(
            new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, contentType) }
        );

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static void EnsureStatus(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new Xunit.Sdk.XunitException(
                $"Expected {(int)expected} but got {(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}"
            );
        }
    }

    /// <summary>Asserts an RFC 9457 problem with the given status, and that it leaks no internals.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        response.EnsureStatus(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContainAny("   at ", "Exception", "Npgsql", "Sqlite", "System.");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        foreach (var member in new[] { "type", "title", "detail", "instance", "traceId" })
        {
            problem.TryGetProperty(member, out _).Should().BeTrue($"a problem carries '{member}'");
        }

        return problem;
    }

    public static async Task ShouldHaveFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem
            .GetProperty("errors")
            .TryGetProperty(field, out _)
            .Should()
            .BeTrue($"the problem names '{field}': {problem}");
    }
}
