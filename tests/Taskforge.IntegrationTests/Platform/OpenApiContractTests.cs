using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Taskforge.Domain.Tasks;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Infrastructure.ApiContract;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// The documents themselves: Spectral (spectral:oas and the OWASP ruleset) finds no error, every
/// mapped route is documented and every documented operation is mapped, and the schemas say what
/// the validators enforce. The traffic of every test is checked by <see cref="TaskforgeApp"/>.
/// The documents do not depend on the database, so SQLite alone serves.
/// </summary>
public sealed class OpenApiContractTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    // Routes that are no REST operation: the documents themselves and the SignalR hub (its protocol is in the README).
    private static readonly string[] Undocumented = ["/openapi/{documentName}.json", "/hubs/"];

    public static TheoryData<string> Versions => new() { "v1", "v2" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Spectral_with_the_owasp_ruleset_finds_no_error(string version)
    {
        var file = Path.Combine(Path.GetTempPath(), $"taskforge-openapi-{version}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.CreateClient().GetStringAsync($"/openapi/{version}.json"));
        try
        {
            var start = NodePeer.Script(
                "node_modules/@stoplight/spectral-cli/dist/index.js",
                "lint",
                "--ruleset",
                ".spectral.yaml",
                "--format",
                "json",
                "--quiet",
                file
            );
            using var spectral = Process.Start(start)!;
            var output = spectral.StandardOutput.ReadToEndAsync();
            var errors = spectral.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await spectral.WaitForExitAsync(deadline.Token);

            var json = await output;
            json.Should().StartWith("[", $"Spectral prints its findings as JSON (stderr: {await errors})");
            var found = JsonDocument
                .Parse(json)
                .RootElement.EnumerateArray()
                .Where(f => f.GetProperty("severity").GetInt32() == 0)
                .Select(f =>
                    $"{f.GetProperty("code").GetString()} at {string.Join('.', f.GetProperty("path").EnumerateArray())}: {f.GetProperty("message").GetString()}"
                )
                .ToList();
            found
                .Should()
                .BeEmpty(
                    "Spectral errors fail the build; switch a rule off in tests/node/.spectral.yaml only with a reason"
                );
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_mapped_route_is_documented_and_every_documented_operation_is_mapped()
    {
        var client = app.CreateClient();
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in new[] { "v1", "v2" })
        {
            var paths = (await client.GetJsonAsync($"/openapi/{version}.json")).GetProperty("paths");
            foreach (var path in paths.EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        var mapped = app
            .Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e =>
                !Undocumented.Any(u =>
                    ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(u, StringComparison.Ordinal)
                )
            )
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(method =>
                    $"{method} {Normalize(e.RoutePattern.RawText ?? "")}"
                )
            )
            .ToHashSet(StringComparer.Ordinal);

        mapped.Except(documented).Should().BeEmpty("every mapped route is in /openapi/v1.json or /openapi/v2.json");
        documented.Except(mapped).Should().BeEmpty("every documented operation is mapped");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Every_operation_has_a_unique_id_a_description_and_a_security_decision(string version)
    {
        var paths = (await app.CreateClient().GetJsonAsync($"/openapi/{version}.json")).GetProperty("paths");
        var ids = new List<string>();
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var at = $"{operation.Name} {path.Name}";
                operation.Value.TryGetProperty("operationId", out var id).Should().BeTrue($"{at} has an operationId");
                ids.Add(id.GetString()!);
                operation.Value.Text("description").Should().NotBeNullOrWhiteSpace(at);
                operation
                    .Value.TryGetProperty("security", out _)
                    .Should()
                    .BeTrue($"{at} says whether it needs a token");
                operation.Value.GetProperty("responses").TryGetProperty("500", out _).Should().BeTrue(at);
                operation.Value.GetProperty("responses").TryGetProperty("503", out _).Should().BeTrue(at);
            }
        }

        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_task_schemas_carry_the_validators_limits_and_a_patch_requires_nothing()
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var create = schemas.GetProperty("TaskRequest");
        create.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("title");
        var title = create.GetProperty("properties").GetProperty("title");
        title.GetProperty("maxLength").GetInt32().Should().Be(TaskItem.TitleMaxLength);
        var tags = create.GetProperty("properties").GetProperty("tags");
        tags.GetProperty("maxItems").GetInt32().Should().Be(TaskTags.MaxCount);
        tags.GetProperty("items").GetProperty("maxLength").GetInt32().Should().Be(TaskTags.MaxLength);

        var patch = schemas.GetProperty("TaskPatchRequest");
        (patch.TryGetProperty("required", out var required) ? required.GetArrayLength() : 0).Should().Be(0);
        patch.GetProperty("properties").GetProperty("description").Text("description").Should().Contain("null clears");

        var me = document.GetProperty("paths").GetProperty("/api/v1/users/me").GetProperty("patch");
        me.GetProperty("requestBody").GetRawText().Should().Contain("PatchMeRequest");
        schemas
            .GetProperty("PatchMeRequest")
            .GetProperty("properties")
            .TryGetProperty("role", out _)
            .Should()
            .BeFalse();

        var limit = document
            .GetProperty("paths")
            .GetProperty("/api/v1/tasks")
            .GetProperty("get")
            .GetProperty("parameters")
            .EnumerateArray()
            .Single(p => p.Text("name") == "limit")
            .GetProperty("schema");
        limit.Text("type").Should().Be("integer");
        limit.GetProperty("maximum").GetInt32().Should().Be(200);
        schemas
            .GetProperty("TokenResponse")
            .GetProperty("properties")
            .GetProperty("expiresIn")
            .GetProperty("type")
            .GetString()
            .Should()
            .Be("integer");
    }

    [Fact]
    public async Task The_document_does_not_reflect_the_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var response = await app.CreateClient().SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().NotContain("evil.example");
    }

    [Fact]
    public async Task The_traffic_check_refuses_an_undocumented_status_and_a_body_off_its_schema()
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var traffic = new OpenApiTraffic(document);
        var id = Guid.NewGuid();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        traffic
            .Check(new RecordedResponse("GET", $"/api/v1/tasks/{id}", 418, headers, null, []))
            .Should()
            .ContainSingle(e => e.Contains("418 is not documented", StringComparison.Ordinal));
        var offSchema = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","title":42}""");
        traffic
            .Check(new RecordedResponse("GET", $"/api/v1/tasks/{id}", 200, headers, "application/json", offSchema))
            .Should()
            .Contain(e => e.Contains("body.title", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("'projectId' is missing", StringComparison.Ordinal));
        traffic
            .Check(
                new RecordedResponse(
                    "GET",
                    $"/api/v1/tasks/{id}",
                    404,
                    new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                    {
                        ["Idempotent-Replayed"] = "true",
                    },
                    null,
                    []
                )
            )
            .Should()
            .ContainSingle(e => e.Contains("Idempotent-Replayed is not documented", StringComparison.Ordinal));
    }

    private static string Normalize(string pattern)
    {
        // "/api/v1/tasks/{id:guid}/" is documented as "/api/v1/tasks/{id}".
        var path = "/" + pattern.Trim('/');
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:?]+)[^}]*\}", "{$1}");
    }
}
