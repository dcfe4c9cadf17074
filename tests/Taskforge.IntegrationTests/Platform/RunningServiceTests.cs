using System.Net;
using System.Text;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>The built service as an operator starts it: its own process, real Kestrel, no settings beyond the defaults.</summary>
public sealed class RunningServiceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task In_development_it_starts_on_sqlite_with_no_settings_and_keeps_its_signing_key_across_restarts()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("taskforge-process-");
        try
        {
            var noKey = new Dictionary<string, string> { ["Jwt__SigningKey"] = "" };
            string accessToken;
            await using (
                var first = ServiceProcess.Start(noKey, workingDirectory.FullName, "--urls", "http://127.0.0.1:0")
            )
            {
                using var client = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync(Deadline) };
                (await client.GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.OK);
                File.Exists(Path.Combine(workingDirectory.FullName, "data", "taskforge.db")).Should().BeTrue();
                File.Exists(Path.Combine(workingDirectory.FullName, "data", "jwt-signing-key")).Should().BeTrue();
                var email = TestUsers.NewEmail();
                (
                    await client.PostJsonAsync(
                        "/api/v1/auth/register",
                        new
                        {
                            email,
                            password = "long-enough-1",
                            firstName = "A",
                            lastName = "B",
                        }
                    )
                ).EnsureStatus(HttpStatusCode.Created);
                var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = "long-enough-1" });
                login.EnsureStatus(HttpStatusCode.OK);
                accessToken = (await login.JsonAsync()).GetProperty("accessToken").GetString()!;
            }

            await using var second = ServiceProcess.Start(noKey, workingDirectory.FullName);
            using var again = new HttpClient { BaseAddress = await second.WaitUntilListeningAsync(Deadline) };
            again.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
            (await again.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_bootstrap_admin_setting_promotes_an_existing_account_whose_password_it_has_at_the_next_start()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("taskforge-process-");
        try
        {
            var email = TestUsers.NewEmail("promoted");
            await using (var first = ServiceProcess.Start(workingDirectory: workingDirectory.FullName))
            {
                using var client = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync(Deadline) };
                (
                    await client.PostJsonAsync(
                        "/api/v1/auth/register",
                        new
                        {
                            email,
                            password = "long-enough-1",
                            firstName = "A",
                            lastName = "B",
                        }
                    )
                ).EnsureStatus(HttpStatusCode.Created);
            }

            var bootstrap = new Dictionary<string, string>
            {
                ["Bootstrap__AdminEmail"] = email.ToUpperInvariant(),
                ["Bootstrap__AdminPassword"] = "long-enough-1",
            };
            await using var second = ServiceProcess.Start(bootstrap, workingDirectory.FullName);
            using var again = new HttpClient { BaseAddress = await second.WaitUntilListeningAsync(Deadline) };
            var login = await again.PostJsonAsync("/api/v1/auth/login", new { email, password = "long-enough-1" });
            login.EnsureStatus(HttpStatusCode.OK);
            again.DefaultRequestHeaders.Authorization = new(
                "Bearer",
                (await login.JsonAsync()).GetProperty("accessToken").GetString()
            );
            (await (await again.GetAsync("/api/v1/users/me")).JsonAsync())
                .GetProperty("role")
                .GetString()
                .Should()
                .Be("admin");
            (await again.GetAsync("/api/v1/users")).EnsureStatus(HttpStatusCode.OK);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Kestrel_refuses_a_streamed_body_over_1_MiB_with_a_413_problem()
    {
        await using var service = ServiceProcess.Start();
        using var client = new HttpClient { BaseAddress = await service.WaitUntilListeningAsync(Deadline) };
        var body = new StreamContent(
            new MemoryStream(Encoding.UTF8.GetBytes($$"""{"email":"{{new string('a', 2 * 1024 * 1024)}}"}"""))
        );
        body.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Kestrel_refuses_a_declared_body_over_1_MiB_with_a_413_problem()
    {
        await using var service = ServiceProcess.Start();
        using var client = new HttpClient { BaseAddress = await service.WaitUntilListeningAsync(Deadline) };

        var response = await client.SendRawAsync(
            HttpMethod.Post,
            "/api/v1/auth/register",
            $$"""{"email":"{{new string('a', 2 * 1024 * 1024)}}"}"""
        );

        response.RequestMessage!.Content!.Headers.ContentLength.Should().BeGreaterThan(1024 * 1024);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
