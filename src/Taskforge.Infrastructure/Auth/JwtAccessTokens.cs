using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Taskforge.Application.Auth;
using Taskforge.Domain.Users;

namespace Taskforge.Infrastructure.Auth;

/// <summary>
/// HS256 access tokens; validation pins the algorithm, issuer, audience, signature and lifetime,
/// and refuses tokens meant to live longer than the ones this service issues. New tokens are signed
/// with the active key and name it in their <c>kid</c> header; a token verifies only with the listed
/// key its <c>kid</c> names, so removing a key ends every token it signed.
/// </summary>
public sealed class JwtAccessTokens : IAccessTokens, IDisposable
{
    private const string StampClaim = "sst";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtSettings _settings;
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;

    // Validating costs ~70 µs of CPU with this library version; a token that validated once
    // stays valid until it expires, so its claims are remembered (keyed by the whole token,
    // signature included, so nothing can be planted) until then.
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public JwtAccessTokens(JwtSettings settings)
    {
        _settings = settings;
        var keys = settings.SigningKeys.ToDictionary(
            entry => entry.Key,
            SecurityKey (entry) => new SymmetricSecurityKey(entry.Value) { KeyId = entry.Key },
            StringComparer.Ordinal
        );
        _credentials = new SigningCredentials(keys[settings.ActiveKeyId], SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeyResolver = (_, _, kid, _) => KeysFor(kid, keys),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
        };
    }

    public AccessToken Issue(User user, DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _settings.Issuer,
            Audience = _settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim(StampClaim, user.SecurityStamp.ToString()),
            ]),
        };
        return new AccessToken(_handler.CreateToken(descriptor), (int)_settings.AccessTokenLifetime.TotalSeconds);
    }

    public Task<AccessTokenClaims?> ValidateAsync(string token)
    {
        if (token.Length > 4096)
        {
            return Task.FromResult<AccessTokenClaims?>(null);
        }

        if (_validated.TryGetValue(token, out AccessTokenClaims? known))
        {
            return Task.FromResult(known);
        }

        var result = _handler.ValidateToken(token, _validation);
        if (
            !result.IsValid
            || result.SecurityToken is not JsonWebToken jwt
            || !LivesNoLongerThanOurs(jwt)
            || !Guid.TryParse(jwt.Subject, out var userId)
            || !jwt.TryGetPayloadValue<string>(StampClaim, out var stampText)
            || !Guid.TryParse(stampText, out var stamp)
        )
        {
            return Task.FromResult<AccessTokenClaims?>(null);
        }

        var claims = new AccessTokenClaims(userId, stamp);
        _validated.Set(
            token,
            claims,
            new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpiration = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)),
            }
        );
        return Task.FromResult<AccessTokenClaims?>(claims);
    }

    // A kid names exactly one key (an unknown one, none). Tokens without a kid come from before
    // keys had ids; any listed key may verify those, and they expire within one token lifetime.
    private static SecurityKey[] KeysFor(string? kid, Dictionary<string, SecurityKey> keys) =>
        string.IsNullOrEmpty(kid) ? [.. keys.Values]
        : keys.TryGetValue(kid, out var key) ? [key]
        : [];

    // The signature proves who signed, not that the signer chose a sane expiry: a token minted for
    // a year (by a leaked key, or a tool holding it) must not be good for a year. No token lives
    // longer, counted from iat, from nbf or from now, than the lifetime configured for ours.
    private bool LivesNoLongerThanOurs(JsonWebToken jwt)
    {
        var longest = _settings.AccessTokenLifetime + ClockSkew;
        var expires = jwt.ValidTo;
        return expires != DateTime.MinValue
            && expires - DateTime.UtcNow <= longest
            && (jwt.IssuedAt == DateTime.MinValue || expires - jwt.IssuedAt <= longest)
            && (jwt.ValidFrom == DateTime.MinValue || expires - jwt.ValidFrom <= longest);
    }

    public void Dispose() => _validated.Dispose();
}
