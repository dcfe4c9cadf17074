using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

public abstract class OperationsTests(TaskforgeApp app)
{
    private static readonly string[] DocumentedOperations =
    [
        "post /api/v1/auth/register",
        "post /api/v1/auth/login",
        "post /api/v1/auth/refresh",
        "post /api/v1/auth/logout",
        "get /api/v1/users/me",
        "patch /api/v1/users/me",
        "delete /api/v1/users/me",
        "post /api/v1/users/me/password",
        "get /api/v1/users",
        "get /api/v1/users/{id}",
        "put /api/v1/users/{id}",
        "patch /api/v1/users/{id}",
        "delete /api/v1/users/{id}",
    ];

    [Fact]
    public async Task Live_is_200()
    {
        (await app.CreateClient().GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_is_200_while_the_database_answers()
    {
        (await app.CreateClient().GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_auth_and_user_operation()
    {
        var document = await OpenApiDocument();

        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.GetProperty("paths");
        foreach (var operation in DocumentedOperations)
        {
            var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
            paths.TryGetProperty(path, out var item).Should().BeTrue($"{path} is documented");
            item.TryGetProperty(method, out _).Should().BeTrue($"{operation} is documented");
        }
    }

    [Fact]
    public async Task The_openapi_document_has_a_bearer_scheme_required_by_protected_operations_only()
    {
        var document = await OpenApiDocument();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Single().Value;
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/users/me").GetProperty("get").TryGetProperty("security", out _).Should().BeTrue();
        paths
            .GetProperty("/api/v1/users/{id}")
            .GetProperty("delete")
            .TryGetProperty("security", out _)
            .Should()
            .BeTrue();
        // Public: an explicit empty list, so no client sends (or asks for) a token here.
        paths
            .GetProperty("/api/v1/auth/login")
            .GetProperty("post")
            .GetProperty("security")
            .GetArrayLength()
            .Should()
            .Be(0);
    }

    [Theory]
    [InlineData("/api/v1/auth/login", "post", "401")]
    [InlineData("/api/v1/auth/login", "post", "429")]
    [InlineData("/api/v1/auth/register", "post", "409")]
    [InlineData("/api/v1/auth/register", "post", "400")]
    [InlineData("/api/v1/users/{id}", "get", "404")]
    [InlineData("/api/v1/users/{id}", "put", "412")]
    [InlineData("/api/v1/users", "get", "403")]
    public async Task The_openapi_document_lists_problem_responses(string path, string method, string status)
    {
        var document = await OpenApiDocument();

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        responses.TryGetProperty(status, out var response).Should().BeTrue($"{method} {path} documents {status}");
        response.GetProperty("content").TryGetProperty("application/problem+json", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_openapi_document_describes_request_and_response_bodies()
    {
        var document = await OpenApiDocument();

        var paths = document.GetProperty("paths");
        var register = paths.GetProperty("/api/v1/auth/register").GetProperty("post");
        register
            .GetProperty("requestBody")
            .GetProperty("content")
            .TryGetProperty("application/json", out _)
            .Should()
            .BeTrue();
        register
            .GetProperty("responses")
            .GetProperty("201")
            .GetProperty("content")
            .TryGetProperty("application/json", out _)
            .Should()
            .BeTrue();
        var patch = paths
            .GetProperty("/api/v1/users/me")
            .GetProperty("patch")
            .GetProperty("requestBody")
            .GetProperty("content");
        patch.TryGetProperty("application/merge-patch+json", out _).Should().BeTrue();
        var schemas = document
            .GetProperty("components")
            .GetProperty("schemas")
            .EnumerateObject()
            .Select(s => s.Name)
            .ToList();
        schemas.Should().Contain(["RegisterRequest", "TokenResponse", "UserResponse"]);
        var user = document
            .GetProperty("components")
            .GetProperty("schemas")
            .GetProperty("UserResponse")
            .GetProperty("properties");
        user.EnumerateObject()
            .Select(p => p.Name)
            .Should()
            .BeEquivalentTo("id", "email", "firstName", "lastName", "role", "createdAt", "updatedAt");
    }

    [Fact]
    public async Task Docs_serve_an_html_page_for_the_document()
    {
        var response = await app.CreateClient().GetAsync("/docs");

        response.EnsureStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<html", Exactly.Once());
        var config = await app.CreateClient().GetStringAsync("/docs/index.js");
        config.Should().Contain("/openapi/v1.json");
    }

    private async Task<JsonElement> OpenApiDocument()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureStatus(HttpStatusCode.OK);
        return await response.JsonAsync();
    }
}

public sealed class SqliteOperationsTests(SqliteApp app) : OperationsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOperationsTests(PostgresApp app) : OperationsTests(app), IClassFixture<PostgresApp>;
