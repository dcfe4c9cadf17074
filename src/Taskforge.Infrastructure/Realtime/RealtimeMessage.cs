using System.Text.Json;

namespace Taskforge.Infrastructure.Realtime;

/// <summary>What instances tell each other over Redis: an event for a user's connections, or "close them".</summary>
public sealed record RealtimeMessage(Guid UserId, string Kind, string? Envelope)
{
    public const string Event = "event";
    public const string Disconnect = "disconnect";
    public const string Channel = "taskforge:realtime";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static RealtimeMessage? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RealtimeMessage>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
