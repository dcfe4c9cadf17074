using System.Text.Json;

namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>The JSON of events: the API's conventions (camelCase, UTC times).</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
