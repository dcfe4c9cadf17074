using System.Net.Http.Headers;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>A registered, logged-in user and a client that sends their access token.</summary>
public sealed record TestUser(
    Guid Id,
    string Email,
    string Password,
    string AccessToken,
    string RefreshToken,
    HttpClient Client
);

public static class TestUsers
{
    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Registers a new account on a service run as its own process, logs in, and answers its access token.</summary>
    public static async Task<string> RegisterAndLogInAsync(HttpClient client, string prefix = "user")
    {
        var email = NewEmail(prefix);
        const string Password = "long-enough-1";
        (
            await client.PostJsonAsync(
                "/api/v1/auth/register",
                new
                {
                    email,
                    password = Password,
                    firstName = "A",
                    lastName = "B",
                }
            )
        ).EnsureStatus(System.Net.HttpStatusCode.Created);
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureStatus(System.Net.HttpStatusCode.OK);
        return (await login.JsonAsync()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<TestUser> RegisterAsync(
        this TaskforgeApp app,
        string? email = null,
        string password = "correct-horse-1"
    )
    {
        email ??= NewEmail();
        var anonymous = app.CreateClient();
        var registered = await anonymous.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email,
                password,
                firstName = "Test",
                lastName = "User",
            }
        );
        registered.EnsureStatus(System.Net.HttpStatusCode.Created);
        var id = (await registered.JsonAsync()).GetProperty("id").GetGuid();
        return await app.LogInAsync(id, email, password);
    }

    public static async Task<TestUser> LogInAsync(this TaskforgeApp app, Guid id, string email, string password)
    {
        var anonymous = app.CreateClient();
        var login = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureStatus(System.Net.HttpStatusCode.OK);
        var tokens = await login.JsonAsync();
        var accessToken = tokens.GetProperty("accessToken").GetString()!;
        return new TestUser(
            id,
            email,
            password,
            accessToken,
            tokens.GetProperty("refreshToken").GetString()!,
            app.ClientWith(accessToken)
        );
    }

    public static async Task<TestUser> AdminAsync(this TaskforgeApp app)
    {
        var admin = await app.LogInAsync(Guid.Empty, TaskforgeApp.AdminEmail, TaskforgeApp.AdminPassword);
        var me = await (await admin.Client.GetAsync("/api/v1/users/me")).JsonAsync();
        return admin with { Id = me.GetProperty("id").GetGuid() };
    }

    public static HttpClient ClientWith(this TaskforgeApp app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
