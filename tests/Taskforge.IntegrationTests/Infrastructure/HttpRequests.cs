using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>Requests the plain helpers do not cover: other verbs, conditional headers.</summary>
public static class HttpRequests
{
    /// <summary>Any verb with an optional body (a string is sent as it is, anything else as JSON) and conditional headers.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client,
        HttpMethod method,
        string url,
        object? body = null,
        string? ifMatch = null,
        string contentType = "application/json",
        string? ifNoneMatch = null
    )
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(
                body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web),
                Encoding.UTF8,
                contentType
            );
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(
        this HttpClient client,
        string url,
        object body,
        string? ifMatch = null
    ) => client.SendJsonAsync(HttpMethod.Patch, url, body, ifMatch);

    public static Task<HttpResponseMessage> PutJsonAsync(
        this HttpClient client,
        string url,
        object body,
        string? ifMatch = null
    ) => client.SendJsonAsync(HttpMethod.Put, url, body, ifMatch);

    public static HttpClient ClientWithAuthorization(this TaskforgeApp app, string scheme, string parameter)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, parameter);
        return client;
    }

    public static string ETagOf(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString()
        ?? throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no ETag.");
}
