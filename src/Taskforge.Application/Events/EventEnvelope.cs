using System.Text.Json;

namespace Taskforge.Application.Events;

/// <summary>
/// An event as consumers receive it. <see cref="Json"/> is the envelope every channel sends
/// (<c>{id, type, occurredAt, userId, data}</c>), built once, byte for byte the same on every
/// redelivery.
/// </summary>
public sealed record EventEnvelope(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? UserId, string Json)
{
    /// <summary>The <c>data</c> member, parsed.</summary>
    public JsonElement Data()
    {
        using var document = JsonDocument.Parse(Json);
        return document.RootElement.GetProperty("data").Clone();
    }
}
