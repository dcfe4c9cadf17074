using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>Short calls for the task and project routes, so tests read as the behaviour they check.</summary>
public static class TaskApi
{
    public const string Tasks = "/api/v1/tasks";
    public const string Projects = "/api/v1/projects";

    public static async Task<JsonElement> CreateTaskAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Tasks, body);
        response.EnsureStatus(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static Task<JsonElement> CreateTaskAsync(this HttpClient client, string title) =>
        client.CreateTaskAsync(new { title });

    public static async Task<JsonElement> CreateProjectAsync(this HttpClient client, string name = "Work")
    {
        var response = await client.PostAsJsonAsync(Projects, new { name });
        response.EnsureStatus(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureStatus(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>Every item of a list, following nextCursor page by page.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(this HttpClient client, string url, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        do
        {
            var page = await client.GetJsonAsync(
                $"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")
            );
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        return items;
    }

    public static Task<HttpResponseMessage> PatchAsync(
        this HttpClient client,
        string url,
        object body,
        string? ifMatch = null
    ) => client.SendJsonAsync(HttpMethod.Patch, url, body, ifMatch, "application/merge-patch+json");

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static IEnumerable<string> Titles(this IEnumerable<JsonElement> items) =>
        items.Select(item => item.Text("title"));
}
