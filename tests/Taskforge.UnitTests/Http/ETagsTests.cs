using Microsoft.AspNetCore.Http;
using Taskforge.Api.Http;

namespace Taskforge.UnitTests.Http;

public sealed class ETagsTests
{
    [Fact]
    public void An_etag_is_the_quoted_version_and_strong()
    {
        ETags.For(42).Should().Be("\"42\"");
    }

    [Fact]
    public void Set_writes_the_etag_header()
    {
        var context = new DefaultHttpContext();

        ETags.Set(context, 7);

        context.Response.Headers.ETag.ToString().Should().Be("\"7\"");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("\"3\"", 3L)]
    [InlineData("\"1\", \"3\"", 1L)]
    [InlineData("W/\"3\"", -1L)]
    [InlineData("W/\"3\", \"4\"", 4L)]
    [InlineData("\"abc\"", -1L)]
    [InlineData("\"-5\"", -1L)]
    [InlineData("3", -1L)]
    [InlineData("garbage \"", -1L)]
    public void ExpectedVersion_reads_If_Match(string? header, long? expected)
    {
        ETags.ExpectedVersion(RequestWith("If-Match", header)).Should().Be(expected);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("\"3\"", true)]
    [InlineData("W/\"3\"", true)]
    [InlineData("\"2\", \"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"2\"", false)]
    [InlineData("nonsense", false)]
    public void IsNotModified_matches_If_None_Match_weakly(string? header, bool expected)
    {
        ETags.IsNotModified(RequestWith("If-None-Match", header), 3).Should().Be(expected);
    }

    private static HttpRequest RequestWith(string name, string? value)
    {
        var context = new DefaultHttpContext();
        if (value is not null)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
