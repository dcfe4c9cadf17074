using System.Buffers.Text;
using System.Text;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Projects;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;

namespace Taskforge.UnitTests.Http;

public sealed class CursorsTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("cursor-key-for-unit-tests-0123456789");
    private static readonly byte[] NextKey = Encoding.UTF8.GetBytes("next-cursor-key-for-unit-tests-012345");
    private static readonly Cursors Cursors = new(Key, [Key]);
    private static readonly UserListKey Position = new(Guid.Parse("0190f0a0-0000-7000-8000-000000000001"));

    [Fact]
    public void A_cursor_decodes_to_the_position_it_encodes()
    {
        var cursor = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out var decoded).Should().BeTrue();
        decoded.Should().Be(Position);
    }

    [Fact]
    public void A_title_cursor_decodes_to_its_title_and_time()
    {
        var position = new TaskListKey("title", Guid.CreateVersion7(), null, null, "Gehälter \U0001F409 <b>&</b>");

        var cursor = Cursors.Encode(position, ApiJson.Default.TaskListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.TaskListKey, out var decoded).Should().BeTrue();
        decoded.Should().Be(position);
    }

    [Fact]
    public void A_cursor_is_url_safe()
    {
        var cursor = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        cursor.Should().MatchRegex("^[A-Za-z0-9_-]+$");
    }

    [Fact]
    public void A_cursor_reveals_nothing_of_its_position()
    {
        var id = Guid.Parse("0190f0a0-1234-7000-8000-00000000abcd");
        var due = new DateTimeOffset(2031, 5, 17, 8, 30, 0, TimeSpan.Zero);
        var byTitle = new TaskListKey("title", id, null, null, "Quarterly salary review");
        var byDue = new TaskListKey("dueAt", id, due, null, null);

        var titleCursor = Base64Url.DecodeFromChars(Cursors.Encode(byTitle, ApiJson.Default.TaskListKey));
        var dueCursor = Base64Url.DecodeFromChars(Cursors.Encode(byDue, ApiJson.Default.TaskListKey));

        foreach (var bytes in new[] { titleCursor, dueCursor })
        {
            var asText = Encoding.UTF8.GetString(bytes);
            asText.Should().NotContainAny("Quarterly", "salary", "2031", "title", "dueAt", "sort", id.ToString());
            Contains(bytes, Encoding.UTF8.GetBytes("Quarterly")).Should().BeFalse();
            Contains(bytes, Encoding.Unicode.GetBytes("Quarterly")).Should().BeFalse();
            Contains(bytes, id.ToByteArray()).Should().BeFalse();
            Contains(bytes, BitConverter.GetBytes(due.UtcTicks)).Should().BeFalse();
            Contains(bytes, BitConverter.GetBytes(due.ToUnixTimeSeconds())).Should().BeFalse();
        }
    }

    [Fact]
    public void The_same_position_gives_a_different_cursor_each_time()
    {
        var first = Cursors.Encode(Position, ApiJson.Default.UserListKey);
        var second = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        first.Should().NotBe(second);
        Cursors.TryDecode(second, ApiJson.Default.UserListKey, out var decoded).Should().BeTrue();
        decoded.Should().Be(Position);
    }

    [Fact]
    public void A_cursor_with_any_byte_changed_is_refused()
    {
        var bytes = Base64Url.DecodeFromChars(Cursors.Encode(Position, ApiJson.Default.UserListKey));

        for (var i = 0; i < bytes.Length; i++)
        {
            var edited = (byte[])bytes.Clone();
            edited[i] ^= 0x01;

            Cursors
                .TryDecode(Base64Url.EncodeToString(edited), ApiJson.Default.UserListKey, out var decoded)
                .Should()
                .BeFalse($"byte {i} was changed");
            decoded.Should().BeNull();
        }
    }

    [Fact]
    public void A_cursor_cut_short_or_extended_is_refused()
    {
        var bytes = Base64Url.DecodeFromChars(Cursors.Encode(Position, ApiJson.Default.UserListKey));

        Cursors
            .TryDecode(Base64Url.EncodeToString(bytes.AsSpan(0, bytes.Length - 1)), ApiJson.Default.UserListKey, out _)
            .Should()
            .BeFalse();
        Cursors
            .TryDecode(Base64Url.EncodeToString([.. bytes, 0]), ApiJson.Default.UserListKey, out _)
            .Should()
            .BeFalse();
    }

    [Fact]
    public void A_cursor_from_another_key_is_refused()
    {
        var anotherKey = Encoding.UTF8.GetBytes("another-key-for-unit-tests-0123456789");
        var other = new Cursors(anotherKey, [anotherKey]);

        var cursor = other.Encode(Position, ApiJson.Default.UserListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void After_a_rotation_a_cursor_sealed_under_a_still_listed_key_opens()
    {
        var rotated = new Cursors(NextKey, [Key, NextKey]);

        var before = Cursors.Encode(Position, ApiJson.Default.UserListKey);
        var after = rotated.Encode(Position, ApiJson.Default.UserListKey);

        rotated.TryDecode(before, ApiJson.Default.UserListKey, out var decoded).Should().BeTrue();
        decoded.Should().Be(Position);
        rotated.TryDecode(after, ApiJson.Default.UserListKey, out _).Should().BeTrue();
        Cursors.TryDecode(after, ApiJson.Default.UserListKey, out _).Should().BeFalse("new cursors use the new key");
    }

    [Fact]
    public void A_cursor_sealed_under_a_removed_key_is_refused()
    {
        var before = Cursors.Encode(Position, ApiJson.Default.UserListKey);

        var removed = new Cursors(NextKey, [NextKey]);

        removed.TryDecode(before, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void A_cursor_of_another_list_is_refused()
    {
        var projects = Cursors.Encode(
            new ProjectListKey(DateTimeOffset.UnixEpoch, Position.Id),
            ApiJson.Default.ProjectListKey
        );

        Cursors.TryDecode(projects, ApiJson.Default.UserListKey, out _).Should().BeFalse();
        Cursors.TryDecode(projects, ApiJson.Default.TaskListKey, out _).Should().BeFalse();
        Cursors.TryDecode(projects, ApiJson.Default.ProjectListKey, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("a.b")]
    [InlineData("!!!.???")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_cursors_are_refused_without_throwing(string? cursor)
    {
        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void An_oversized_cursor_is_refused()
    {
        Cursors.TryDecode(new string('a', 5000), ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void A_sealed_position_that_is_null_is_refused_without_throwing()
    {
        var cursor = Cursors.Encode(null, ApiJson.Default.UserListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.UserListKey, out _).Should().BeFalse();
    }

    [Fact]
    public void The_longest_title_cursor_fits()
    {
        var position = new TaskListKey("title", Guid.CreateVersion7(), null, null, new string('\u05D0', 200));

        var cursor = Cursors.Encode(position, ApiJson.Default.TaskListKey);

        Cursors.TryDecode(cursor, ApiJson.Default.TaskListKey, out var decoded).Should().BeTrue();
        decoded!.Title.Should().Be(position.Title);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
