using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Taskforge.Application.Auth;

namespace Taskforge.UnitTests.Application;

public sealed class RefreshTokenSecretTests
{
    [Fact]
    public void A_new_secret_is_256_random_bits_in_url_safe_base64()
    {
        var secret = RefreshTokenSecret.New();

        Base64Url.DecodeFromChars(secret).Should().HaveCount(32);
        secret.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
    }

    [Fact]
    public void Secrets_do_not_repeat()
    {
        Enumerable.Range(0, 1000).Select(_ => RefreshTokenSecret.New()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_stored_hash_is_the_lowercase_hex_sha256_of_the_secret()
    {
        var secret = RefreshTokenSecret.New();

        var hash = RefreshTokenSecret.Hash(secret);

        hash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        hash.Should().MatchRegex("^[0-9a-f]{64}$").And.NotContain(secret);
    }

    [Fact]
    public void The_hash_is_stable_and_tells_secrets_apart()
    {
        RefreshTokenSecret.Hash("a").Should().Be(RefreshTokenSecret.Hash("a"));
        RefreshTokenSecret.Hash("a").Should().NotBe(RefreshTokenSecret.Hash("b"));
    }
}
