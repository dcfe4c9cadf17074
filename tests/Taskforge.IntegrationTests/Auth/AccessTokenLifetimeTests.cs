using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

public sealed class AccessTokenLifetimeTests
{
    [Fact]
    public async Task Jwt_AccessTokenMinutes_sets_the_lifetime_of_issued_tokens()
    {
        var app = new SqliteApp();
        app.With("Jwt:AccessTokenMinutes", "5");
        try
        {
            var user = await app.RegisterAsync();
            var login = await app.CreateClient()
                .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

            login.EnsureStatus(HttpStatusCode.OK);
            (await login.JsonAsync()).GetProperty("expiresIn").GetInt32().Should().Be(300);
            var claims = TestTokens.Payload(user.AccessToken);
            (claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>()).Should().Be(300);
            claims["iss"]!.GetValue<string>().Should().Be(TestTokens.Issuer);
            claims["aud"]!.GetValue<string>().Should().Be(TestTokens.Audience);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Jwt_AccessTokenMinutes_caps_the_lifetime_of_accepted_tokens()
    {
        var app = new SqliteApp();
        app.With("Jwt:AccessTokenMinutes", "5");
        try
        {
            var user = await app.RegisterAsync();
            var now = DateTimeOffset.UtcNow;

            var fiveMinutes = TestTokens.Sign(TestTokens.ClaimsFor(user).Lifetime(now, TimeSpan.FromMinutes(5)));
            var sixMinutes = TestTokens.Sign(TestTokens.ClaimsFor(user).Lifetime(now, TimeSpan.FromMinutes(6)));

            (await app.ClientWith(fiveMinutes).GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
            await (await app.ClientWith(sixMinutes).GetAsync("/api/v1/users/me")).ShouldBeProblemAsync(
                HttpStatusCode.Unauthorized
            );
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
