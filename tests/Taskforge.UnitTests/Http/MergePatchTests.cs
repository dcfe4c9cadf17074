using System.Text.Json;
using Taskforge.Api.Http;
using Taskforge.Application.Common;

namespace Taskforge.UnitTests.Http;

public sealed class MergePatchTests
{
    [Fact]
    public void Only_an_object_is_a_merge_patch()
    {
        MergePatch.From(Json("[]")).IsSuccess.Should().BeFalse();
        MergePatch.From(Json("null")).IsSuccess.Should().BeFalse();
        MergePatch.From(Json("\"x\"")).IsSuccess.Should().BeFalse();
        MergePatch.From(Json("{}")).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void An_absent_member_leaves_the_field()
    {
        var patch = Patch("{}");

        patch.Text("name").IsPresent.Should().BeFalse();
        patch.Flag("done").IsPresent.Should().BeFalse();
        patch.Instant("due").IsPresent.Should().BeFalse();
        patch.TextList("tags").IsPresent.Should().BeFalse();
        patch.IsValid.Should().BeTrue();
    }

    [Fact]
    public void Null_clears_the_field()
    {
        var patch = Patch("""{"name":null,"done":null,"due":null,"tags":null}""");

        patch.Text("name").Should().Be(new Optional<string?>(true, null));
        patch.Flag("done").Should().Be(new Optional<bool?>(true, null));
        patch.Instant("due").Should().Be(new Optional<DateTimeOffset?>(true, null));
        var tags = patch.TextList("tags");
        tags.IsPresent.Should().BeTrue();
        tags.Value.Should().BeNull();
        patch.IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_value_sets_the_field()
    {
        var patch = Patch("""{"name":"Ada","done":true,"due":"2026-11-20T10:00:00+02:00","tags":["a","b"]}""");

        patch.Text("name").Value.Should().Be("Ada");
        patch.Flag("done").Value.Should().BeTrue();
        patch.Instant("due").Value.Should().Be(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        patch.Instant("due").Value!.Value.Offset.Should().Be(TimeSpan.Zero);
        patch.TextList("tags").Value.Should().Equal("a", "b");
        patch.IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_time_without_an_offset_is_taken_as_utc()
    {
        Patch("""{"due":"2026-11-20T10:00:00"}""")
            .Instant("due")
            .Value.Should()
            .Be(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Members_of_the_wrong_type_become_field_errors_named_after_them()
    {
        var patch = Patch("""{"name":1,"done":"yes","due":"tomorrow","tags":["a",2],"other":"fine"}""");

        patch.Text("name").IsPresent.Should().BeFalse();
        patch.Flag("done").IsPresent.Should().BeFalse();
        patch.Instant("due").IsPresent.Should().BeFalse();
        patch.TextList("tags").IsPresent.Should().BeFalse();

        patch.IsValid.Should().BeFalse();
        patch.ToError().Fields!.Keys.Should().BeEquivalentTo("name", "done", "due", "tags");
    }

    [Fact]
    public void Has_tells_whether_a_member_is_present_even_when_null()
    {
        var patch = Patch("""{"role":null}""");

        patch.Has("role").Should().BeTrue();
        patch.Has("email").Should().BeFalse();
    }

    private static MergePatch Patch(string json) => MergePatch.From(Json(json)).Value;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
