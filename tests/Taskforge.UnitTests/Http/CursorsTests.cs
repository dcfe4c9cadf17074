using System.Buffers.Text;
using System.Text;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Users;

namespace Taskforge.UnitTests.Http;

public sealed class CursorsTests
{
    private static readonly Cursors Cursors = new(Encoding.UTF8.GetBytes("cursor-key-for-unit-tests-0123456789"));
    private static readonly UserListKey Position = new(Guid.Parse("0190f0a0-0000-7000-8000-000000000001"));

    [Fact]
    public void A_cursor_decodes_to_the_position_it_encodes()
    {
        var cursor = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out var decoded).Should().BeTrue();
        decoded.Should().Be(Position);
    }

    [Fact]
    public void A_cursor_is_url_safe_and_does_not_show_a_raw_guid_to_edit_in_place()
    {
        var cursor = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        cursor.Should().MatchRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    }

    [Fact]
    public void A_cursor_with_an_edited_position_is_refused()
    {
        var cursor = Cursors.Encode(Position, ApiJson.Default.UserListKey);
        var forgedPayload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"id":"{{Guid.Empty}}"}"""));
        var forged = forgedPayload + cursor[cursor.IndexOf('.', StringComparison.Ordinal)..];

        Cursors.TryDecode(forged, ApiJson.Default.UserListKey, out var decoded).Should().BeFalse();
        decoded.Should().BeNull();
    }

    [Fact]
    public void A_cursor_from_another_key_is_refused()
    {
        var other = new Cursors(Encoding.UTF8.GetBytes("another-key-for-unit-tests-0123456789"));

        var cursor = other.Encode(Position, ApiJson.Default.UserListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("a.b")]
    [InlineData("!!!.???")]
    public void Malformed_cursors_are_refused_without_throwing(string? cursor)
    {
        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void An_oversized_cursor_is_refused()
    {
        Cursors.TryDecode(new string('a', 2000) + ".b", ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void A_signed_payload_that_is_not_a_position_is_refused_without_throwing()
    {
        var signer = new Cursors(Encoding.UTF8.GetBytes("cursor-key-for-unit-tests-0123456789"));
        var cursor = signer.Encode("just a string", ApiJson.Default.String);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }
}
