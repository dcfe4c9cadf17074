using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Taskforge.Application.Push;
using Taskforge.Infrastructure.Push;

namespace Taskforge.UnitTests.Infrastructure.Push;

public sealed class VapidSignatureTests
{
    [Fact]
    public void The_token_is_an_es256_jwt_for_the_endpoint_origin_that_the_public_key_verifies()
    {
        var keys = VapidKeys.Generate("mailto:ops@example.test");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var authorization = VapidSignature.AuthorizationFor(
            new Uri("https://push.example.test:8443/send/abc?x=1"),
            keys,
            now
        );

        authorization.Should().StartWith("vapid t=").And.EndWith($", k={keys.PublicKey}");
        var token = authorization["vapid t=".Length..authorization.IndexOf(',', StringComparison.Ordinal)];
        var parts = token.Split('.');
        parts.Should().HaveCount(3);
        using (var header = JsonDocument.Parse(Base64Url.TryDecode(parts[0])))
        {
            header.RootElement.GetProperty("alg").GetString().Should().Be("ES256");
        }

        using (var claims = JsonDocument.Parse(Base64Url.TryDecode(parts[1])))
        {
            claims.RootElement.GetProperty("aud").GetString().Should().Be("https://push.example.test:8443");
            claims.RootElement.GetProperty("sub").GetString().Should().Be("mailto:ops@example.test");
            var exp = claims.RootElement.GetProperty("exp").GetInt64();
            exp.Should()
                .BeGreaterThan(now.ToUnixTimeSeconds())
                .And.BeLessOrEqualTo(now.AddHours(24).ToUnixTimeSeconds());
        }

        var q = Base64Url.TryDecode(keys.PublicKey)!;
        using var verifier = ECDsa.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = q[1..33], Y = q[33..] },
            }
        );
        var signature = Base64Url.TryDecode(parts[2])!;
        signature.Should().HaveCount(64);
        verifier
            .VerifyData(
                Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                signature,
                HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation
            )
            .Should()
            .BeTrue();
    }
}
