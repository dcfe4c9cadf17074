using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

/// <summary>
/// Rotating the signing key, as the README's steps do it, over one database: each step is an
/// instance with that step's configuration, as a rolling restart would bring up.
/// </summary>
public abstract class KeyRotationTests(Func<TaskforgeApp> newApp)
{
    private const string K1 = "rotation-test-signing-key-one-0123456789abcdef";
    private const string K2 = "rotation-test-signing-key-two-0123456789abcdef";
    private const string Me = "/api/v1/users/me";

    [Fact]
    public async Task Tokens_and_cursors_of_the_old_key_work_until_it_is_removed_and_refresh_moves_to_the_new_key()
    {
        await using var instances = new Instances(newApp);
        var onlyK1 = WithKeys(await instances.StartAsync(), "k1", ("k1", K1));
        var user = await onlyK1.RegisterAsync();
        await CreateProjectsAsync(user, 2);
        var cursor = await NextCursorAsync(user.Client);
        KeyIdOf(user.AccessToken).Should().Be("k1");

        // Step 1: k2 is listed and signs; k1 still verifies.
        var both = WithKeys(await instances.StartAsync(), "k2", ("k1", K1), ("k2", K2));
        var oldToken = both.ClientWith(user.AccessToken);
        (await oldToken.GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
        (await oldToken.GetAsync($"/api/v1/projects?limit=1&cursor={cursor}")).EnsureStatus(HttpStatusCode.OK);
        var refreshed = await both.CreateClient()
            .PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        refreshed.EnsureStatus(HttpStatusCode.OK);
        var newToken = (await refreshed.JsonAsync()).GetProperty("accessToken").GetString()!;
        KeyIdOf(newToken).Should().Be("k2");
        (await both.ClientWith(newToken).GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);

        // Step 2: k1 is removed once its last token has expired; anything it signed is refused.
        var onlyK2 = WithKeys(await instances.StartAsync(), "k2", ("k2", K2));
        await (await onlyK2.ClientWith(user.AccessToken).GetAsync(Me)).ShouldBeProblemAsync(
            HttpStatusCode.Unauthorized
        );
        (await onlyK2.ClientWith(newToken).GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
        var staleCursor = await onlyK2.ClientWith(newToken).GetAsync($"/api/v1/projects?limit=1&cursor={cursor}");
        await staleCursor.ShouldHaveFieldErrorAsync("cursor");
    }

    [Fact]
    public async Task A_token_naming_an_unknown_key_is_401_even_if_a_listed_key_signed_it()
    {
        await using var instances = new Instances(newApp);
        var app = WithKeys(await instances.StartAsync(), "k1", ("k1", K1));
        var user = await app.RegisterAsync();

        var unknownKid = TestTokens.Sign(TestTokens.ClaimsFor(user), key: K1, keyId: "k9");
        var rightKid = TestTokens.Sign(TestTokens.ClaimsFor(user), key: K1, keyId: "k1");

        (await app.ClientWith(rightKid).GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
        await (await app.ClientWith(unknownKid).GetAsync(Me)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static TaskforgeApp WithKeys(TaskforgeApp app, string active, params (string Id, string Key)[] keys)
    {
        app.With("Jwt:SigningKey", null).With("Jwt:ActiveKeyId", active);
        foreach (var (id, key) in keys)
        {
            app.With($"Jwt:SigningKeys:{id}", key);
        }

        return app;
    }

    private static async Task CreateProjectsAsync(TestUser user, int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await user.Client.PostJsonAsync("/api/v1/projects", new { name = $"Project {i}" })).EnsureStatus(
                HttpStatusCode.Created
            );
        }
    }

    private static async Task<string> NextCursorAsync(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/v1/projects?limit=1")).JsonAsync();
        return page.GetProperty("nextCursor").GetString()!;
    }

    private static string KeyIdOf(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!["kid"]!.GetValue<string>();
}

public sealed class SqliteKeyRotationTests() : KeyRotationTests(() => new SqliteApp());

public sealed class PostgresKeyRotationTests() : KeyRotationTests(() => new PostgresApp());
