using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// Answers leave real Kestrel whole, with a Content-Length (so a proxy never holds a started answer
/// it can only cut short when an instance dies); only one too large to hold goes out chunked.
/// </summary>
public sealed class OneWriteResponseTests(RunningService service) : IClassFixture<RunningService>
{
    private readonly Uri _address = service.Address;

    [Fact]
    public async Task Json_answers_and_problems_carry_a_content_length_instead_of_chunks()
    {
        using var client = new HttpClient { BaseAddress = _address };
        var token = await TestUsers.RegisterAndLogInAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var created = await client.PostJsonAsync("/api/v1/tasks", new { title = "whole" });
        await ExpectWholeAsync(created, HttpStatusCode.Created);
        await ExpectWholeAsync(await client.GetAsync("/api/v1/tasks"), HttpStatusCode.OK);
        using var malformed = new StringContent("{\"title\":", Encoding.UTF8, "application/json");
        await ExpectWholeAsync(await client.PostAsync("/api/v1/tasks", malformed), HttpStatusCode.BadRequest);
        await ExpectWholeAsync(await client.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        client.DefaultRequestHeaders.Authorization = null;
        await ExpectWholeAsync(await client.GetAsync("/api/v1/tasks"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_answer_larger_than_the_buffer_still_arrives_whole_in_chunks()
    {
        using var client = new HttpClient { BaseAddress = _address };
        var response = await client.GetAsync("/openapi/v1.json");

        response.EnsureStatus(HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Length.Should().BeGreaterThan(256 * 1024, "the document is larger than what is held");
        response.Headers.TransferEncodingChunked.Should().BeTrue();
        JsonDocument.Parse(body).RootElement.GetProperty("paths").EnumerateObject().Should().NotBeEmpty();
    }

    private static async Task ExpectWholeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.EnsureStatus(status);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.Headers.TransferEncodingChunked.Should().NotBe(true, $"{status} is sent in one piece");
        response.Content.Headers.ContentLength.Should().Be(body.Length);
        body.Should().NotBeEmpty();
        JsonDocument.Parse(body).RootElement.ValueKind.Should().Be(JsonValueKind.Object);
    }
}
