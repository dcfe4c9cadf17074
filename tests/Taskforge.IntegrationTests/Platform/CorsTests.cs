using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>Browsers on configured origins may call the API and the hub with credentials; other origins may not.</summary>
public sealed class CorsTests : IClassFixture<SqliteApp>
{
    private const string Allowed = "https://app.example";
    private readonly SqliteApp _app;

    public CorsTests(SqliteApp app) => _app = (SqliteApp)app.With("Cors:AllowedOrigins:0", Allowed);

    [Theory]
    [InlineData("/api/v1/tasks", "POST")]
    [InlineData("/api/v1/tasks/0190a3b2-0000-7000-8000-000000000000", "PATCH")]
    [InlineData("/hubs/notifications/negotiate", "POST")]
    public async Task A_preflight_from_a_configured_origin_is_allowed_with_credentials(string path, string method)
    {
        var response = await PreflightAsync(path, method, Allowed);

        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Allowed);
        response.Headers.GetValues("Access-Control-Allow-Credentials").Should().Equal("true");
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")).Should().Contain(method);
    }

    [Fact]
    public async Task Another_origin_gets_no_cross_origin_permission()
    {
        var preflight = await PreflightAsync("/api/v1/tasks", "POST", "https://evil.example");
        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        var user = await _app.RegisterAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Add("Origin", "https://evil.example");
        var answer = await user.Client.SendAsync(request);
        answer.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task A_simple_request_from_the_configured_origin_can_read_the_etag()
    {
        var user = await _app.RegisterAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Add("Origin", Allowed);

        var answer = await user.Client.SendAsync(request);

        answer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Allowed);
        string.Join(",", answer.Headers.GetValues("Access-Control-Expose-Headers")).Should().Contain("ETag");
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string method, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await _app.CreateClient().SendAsync(request);
    }
}
