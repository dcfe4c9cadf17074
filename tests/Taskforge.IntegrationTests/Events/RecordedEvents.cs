using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Events;

/// <summary>
/// The outbox rows of one user that appear while a test watches: exactly what the writes in
/// between recorded, however many events the user had before.
/// </summary>
public sealed class RecordedEvents
{
    private readonly TaskforgeApp _app;
    private readonly Guid _userId;
    private readonly HashSet<Guid> _seen;

    private RecordedEvents(TaskforgeApp app, Guid userId, IEnumerable<OutboxEvent> existing)
    {
        _app = app;
        _userId = userId;
        _seen = existing.Select(e => e.Id).ToHashSet();
    }

    public static async Task<RecordedEvents> WatchAsync(TaskforgeApp app, Guid userId) =>
        new(app, userId, await app.OutboxEventsAsync(userId));

    /// <summary>The events recorded since the watch began or since the last call, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> NewAsync()
    {
        var fresh = (await _app.OutboxEventsAsync(_userId)).Where(e => !_seen.Contains(e.Id)).ToList();
        _seen.UnionWith(fresh.Select(e => e.Id));
        return fresh;
    }

    public async Task ShouldHaveNoneAsync(string because)
    {
        var fresh = await NewAsync();
        fresh.Select(e => e.Type).Should().BeEmpty(because);
    }
}

public static class EventAssertions
{
    private static readonly string[] EnvelopeMembers = ["id", "type", "occurredAt", "userId", "data"];

    /// <summary>
    /// The row and its envelope agree on id, type, time and user, and <c>data</c> is
    /// <paramref name="data"/> exactly (same members, same values).
    /// </summary>
    public static void ShouldBeEvent(this OutboxEvent recorded, string type, Guid userId, JsonElement data)
    {
        recorded.Type.Should().Be(type);
        recorded.UserId.Should().Be(userId);

        var envelope = recorded.Envelope;
        envelope.EnumerateObject().Select(m => m.Name).Should().BeEquivalentTo(EnvelopeMembers);
        var id = Guid.ParseExact(envelope.GetProperty("id").GetString()!, "D");
        id.Should().Be(recorded.Id, "the envelope's id is the row's id");
        id.Version.Should().Be(7);
        envelope.GetProperty("type").GetString().Should().Be(type);
        envelope.GetProperty("occurredAt").GetString().Should().EndWith("Z");
        envelope.GetProperty("occurredAt").GetDateTimeOffset().Should().Be(recorded.OccurredAt);
        recorded.OccurredAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        envelope.GetProperty("userId").GetGuid().Should().Be(userId);
        recorded.Data.ShouldEqualJson(data);
    }

    /// <summary>A delete event: its data is <c>{"id": ...}</c> and nothing else.</summary>
    public static void ShouldBeDeletion(this OutboxEvent recorded, string type, Guid userId, Guid id) =>
        recorded.ShouldBeEvent(type, userId, JsonSerializer.SerializeToElement(new { id }, JsonSerializerOptions.Web));

    public static void ShouldEqualJson(this JsonElement actual, JsonElement expected) =>
        JsonElement.DeepEquals(actual, expected).Should().BeTrue($"{actual} should be {expected}");

    public static DateTimeOffset Time(this JsonElement resource, string name) =>
        resource.GetProperty(name).GetDateTimeOffset();
}
