using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

/// <summary>
/// The bearer handler against forged and stale tokens. Each forgery starts from claims that do
/// work when signed properly (the first test), so a 401 is caused by the one thing changed.
/// </summary>
public abstract class AccessTokenTests(TaskforgeApp app)
{
    private const string Me = "/api/v1/users/me";
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_token_crafted_like_the_apps_own_works_which_makes_the_forgeries_below_meaningful()
    {
        var user = await app.RegisterAsync();

        var response = await app.ClientWith(TestTokens.Sign(TestTokens.ClaimsFor(user))).GetAsync(Me);

        response.EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        var response = await app.CreateClient().GetAsync(Me);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        var user = await app.RegisterAsync();

        await ShouldBeRejected(TestTokens.WithoutSignature(TestTokens.ClaimsFor(user)));
    }

    [Fact]
    public async Task A_token_whose_claims_were_edited_after_signing_is_401()
    {
        var user = await app.RegisterAsync();
        var victim = await app.RegisterAsync();

        await ShouldBeRejected(
            TestTokens.WithEditedPayload(user.AccessToken, claims => claims["sub"] = victim.Id.ToString())
        );
    }

    [Fact]
    public async Task A_token_whose_lifetime_was_extended_after_signing_is_401()
    {
        var user = await app.RegisterAsync();

        await ShouldBeRejected(
            TestTokens.WithEditedPayload(
                user.AccessToken,
                claims => claims["exp"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()
            )
        );
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var user = await app.RegisterAsync();

        await ShouldBeRejected(
            TestTokens.Sign(TestTokens.ClaimsFor(user), key: "another-signing-key-of-enough-length-0123456789")
        );
    }

    [Fact]
    public async Task A_token_signed_with_another_algorithm_is_401()
    {
        var user = await app.RegisterAsync();

        await ShouldBeRejected(TestTokens.Sign(TestTokens.ClaimsFor(user), algorithm: "HS512"));
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("aud", "another-api")]
    public async Task A_token_for_another_issuer_or_audience_is_401(string claim, string value)
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims[claim] = value;

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        var past = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds();
        claims["iat"] = past;
        claims["nbf"] = past;
        claims["exp"] = past + 600;

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims.Remove("exp");

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_token_living_exactly_the_configured_lifetime_works_which_makes_the_caps_below_meaningful()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user).Lifetime(DateTimeOffset.UtcNow, DefaultLifetime);

        (await app.ClientWith(TestTokens.Sign(claims)).GetAsync(Me)).EnsureStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(0, 60 * 24 * 365)]
    [InlineData(-60 * 24, 60 * 24 + 1)]
    public async Task A_validly_signed_token_living_longer_than_the_configured_lifetime_is_401(
        int issuedMinutesFromNow,
        int lifetimeMinutes
    )
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens
            .ClaimsFor(user)
            .Lifetime(DateTimeOffset.UtcNow.AddMinutes(issuedMinutesFromNow), TimeSpan.FromMinutes(lifetimeMinutes));

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Theory]
    [InlineData("iat")]
    [InlineData("nbf")]
    public async Task A_long_lived_token_is_401_by_either_of_iat_and_nbf(string kept)
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens
            .ClaimsFor(user)
            .Lifetime(DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        claims.Remove(kept == "iat" ? "nbf" : "iat");

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_token_with_neither_iat_nor_nbf_expiring_beyond_the_lifetime_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims.Remove("iat");
        claims.Remove("nbf");
        claims["exp"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(20).ToUnixTimeSeconds();

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_validly_signed_token_with_a_stale_security_stamp_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims["sst"] = Guid.NewGuid().ToString();

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Fact]
    public async Task A_validly_signed_token_for_a_user_who_never_existed_is_401()
    {
        var user = await app.RegisterAsync();
        var claims = TestTokens.ClaimsFor(user);
        claims["sub"] = Guid.CreateVersion7().ToString();

        await ShouldBeRejected(TestTokens.Sign(claims));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..")]
    public async Task A_malformed_token_is_401_not_an_error(string token)
    {
        await ShouldBeRejected(token);
    }

    [Fact]
    public async Task An_oversized_token_is_401()
    {
        await ShouldBeRejected(new string('a', 5000));
    }

    [Fact]
    public async Task Another_authorization_scheme_is_401()
    {
        var response = await app.ClientWithAuthorization("Basic", Convert.ToBase64String("a:b"u8.ToArray()))
            .GetAsync(Me);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_deleted_users_token_is_401()
    {
        var user = await app.RegisterAsync();
        var crafted = TestTokens.Sign(TestTokens.ClaimsFor(user));
        (await user.Client.DeleteAsync(Me)).EnsureStatus(HttpStatusCode.NoContent);

        await ShouldBeRejected(user.AccessToken);
        await ShouldBeRejected(crafted);
    }

    private async Task ShouldBeRejected(string token)
    {
        var response = await app.ClientWith(token).GetAsync(Me);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response
            .Headers.WwwAuthenticate.Should()
            .ContainSingle(h => h.Scheme == "Bearer")
            .Which.Parameter.Should()
            .Contain("error=\"invalid_token\"", "RFC 6750 names the reason for a refused token");
    }
}

public sealed class SqliteAccessTokenTests(SqliteApp app) : AccessTokenTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccessTokenTests(PostgresApp app) : AccessTokenTests(app), IClassFixture<PostgresApp>;
