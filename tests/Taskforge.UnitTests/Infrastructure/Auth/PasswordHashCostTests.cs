using System.Buffers.Binary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Taskforge.Application.Auth;
using Taskforge.Infrastructure.Auth;

namespace Taskforge.UnitTests.Infrastructure.Auth;

/// <summary>
/// The test suite's cheaper password hashing (<c>Testing:PasswordHashIterations</c>) never reaches
/// Production, and its hashes stay valid, to be rehashed, under the full cost.
/// </summary>
public sealed class PasswordHashCostTests
{
    private const int Default = 100_000;

    [Fact]
    public void Production_ignores_the_test_iteration_count()
    {
        var hasher = IdentityPasswordHasher.From(Settings("2000"), new Host(Environments.Production));

        Iterations(hasher.Hash("correct horse")).Should().Be(Default);
    }

    [Fact]
    public void Other_environments_hash_with_the_test_iteration_count()
    {
        var hasher = IdentityPasswordHasher.From(Settings("2000"), new Host("Testing"));

        var hash = hasher.Hash("correct horse");

        Iterations(hash).Should().Be(2000);
        hasher.Verify(hash, "correct horse").Should().Be(PasswordCheck.Success);
        hasher.Verify(hash, "wrong horse").Should().Be(PasswordCheck.Failed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("many")]
    public void Without_a_valid_count_the_default_cost_applies(string? configured)
    {
        var hasher = IdentityPasswordHasher.From(Settings(configured), new Host("Testing"));

        Iterations(hasher.Hash("correct horse")).Should().Be(Default);
    }

    [Fact]
    public void A_cheaper_hash_verifies_under_the_default_and_asks_to_be_rehashed()
    {
        var cheap = IdentityPasswordHasher.From(Settings("2000"), new Host("Testing")).Hash("correct horse");

        new IdentityPasswordHasher().Verify(cheap, "correct horse").Should().Be(PasswordCheck.SuccessRehashNeeded);
    }

    // ASP.NET Core Identity's v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
    private static int Iterations(string hash) =>
        (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    private static IConfiguration Settings(string? iterations) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(IdentityPasswordHasher.TestIterationsSetting, iterations)])
            .Build();

    private sealed class Host(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Taskforge.Api";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
