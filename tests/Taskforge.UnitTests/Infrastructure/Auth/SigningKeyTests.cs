using System.Buffers.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Taskforge.Application.Auth;
using Taskforge.Domain.Users;
using Taskforge.Infrastructure.Auth;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.UnitTests.Infrastructure.Auth;

/// <summary>Several signing keys at once: which one signs, which ones verify, what startup refuses.</summary>
public sealed class SigningKeyTests
{
    private const string K1 = "first-signing-key-for-unit-tests-0123456789";
    private const string K2 = "second-signing-key-for-unit-tests-012345678";

    [Fact]
    public void Jwt_SigningKey_alone_is_one_key_named_default_that_also_signs()
    {
        var settings = Settings(("Jwt:SigningKey", K1));

        settings.SigningKeys.Keys.Should().Equal("default");
        settings.ActiveKeyId.Should().Be("default");
    }

    [Fact]
    public void New_tokens_are_signed_with_the_active_key_and_name_it_in_kid()
    {
        using var tokens = new JwtAccessTokens(Rotated());

        var token = tokens.Issue(NewUser(), DateTimeOffset.UtcNow).Token;

        Header(token)["kid"]!.GetValue<string>().Should().Be("k2");
        Header(token)["alg"]!.GetValue<string>().Should().Be("HS256");
    }

    [Fact]
    public async Task A_token_signed_with_a_key_still_listed_stays_valid_after_the_rotation()
    {
        using var before = new JwtAccessTokens(Settings(("Jwt:SigningKeys:k1", K1), ("Jwt:ActiveKeyId", "k1")));
        using var after = new JwtAccessTokens(Rotated());
        var user = NewUser();

        var token = before.Issue(user, DateTimeOffset.UtcNow).Token;

        (await after.ValidateAsync(token)).Should().Be(new AccessTokenClaims(user.Id, user.SecurityStamp));
    }

    [Fact]
    public async Task A_token_signed_with_a_removed_key_is_refused()
    {
        using var issuer = new JwtAccessTokens(Settings(("Jwt:SigningKeys:k1", K1)));
        using var before = new JwtAccessTokens(Rotated());
        using var afterRemoval = new JwtAccessTokens(Settings(("Jwt:SigningKeys:k3", K1), ("Jwt:ActiveKeyId", "k3")));
        var token = issuer.Issue(NewUser(), DateTimeOffset.UtcNow);

        (await before.ValidateAsync(token.Token)).Should().NotBeNull();
        (await afterRemoval.ValidateAsync(token.Token))
            .Should()
            .BeNull("the kid names a key that is no longer listed, even though the same bytes are listed as k3");
    }

    public static TheoryData<string[], string> BadSettings =>
        new()
        {
            { ["Jwt:SigningKeys:k1", "short"], "Jwt:SigningKeys:k1" },
            { ["Jwt:SigningKeys:k1", K1, "Jwt:ActiveKeyId", "k9"], "Jwt:ActiveKeyId" },
            { ["Jwt:SigningKeys:k1", K1, "Jwt:SigningKeys:k2", K2], "Jwt:ActiveKeyId" },
            { ["Jwt:SigningKeys:k 1", K1], "Jwt:SigningKeys:k 1" },
            {
                ["Jwt:SigningKey", K1, "Jwt:SigningKeys:default", K2, "Jwt:ActiveKeyId", "default"],
                "Jwt:SigningKeys:default"
            },
        };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Startup_refuses_bad_key_settings_naming_the_key(string[] pairs, string named)
    {
        var settings = pairs.Chunk(2).Select(pair => (pair[0], pair[1])).ToArray();

        var start = () => Settings(settings);

        start.Should().Throw<StartupException>().Which.Message.Should().Contain(named);
    }

    private static JwtSettings Rotated() =>
        Settings(("Jwt:SigningKeys:k1", K1), ("Jwt:SigningKeys:k2", K2), ("Jwt:ActiveKeyId", "k2"));

    private static JwtSettings Settings(params (string Key, string Value)[] settings) =>
        JwtSettings.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
                .Build(),
            new Production()
        );

    private static User NewUser() =>
        new("someone@example.test", "Some", "One", "hash", Role.User, DateTimeOffset.UtcNow);

    private static JsonObject Header(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!.AsObject();

    private sealed class Production : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Taskforge.Api";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
