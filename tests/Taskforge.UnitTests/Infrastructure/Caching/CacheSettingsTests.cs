using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Caching;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.UnitTests.Infrastructure.Caching;

/// <summary>The <c>Cache:*</c> settings: their defaults and what startup refuses.</summary>
public sealed class CacheSettingsTests
{
    [Fact]
    public void Defaults_bound_values_by_count_and_pages_by_size()
    {
        var settings = Settings();

        settings.MaxEntries.Should().Be(20_000);
        settings.MaxPageMegabytes.Should().Be(64);
        settings.MaxPageBytes.Should().Be(64L * 1024 * 1024);
    }

    [Fact]
    public void A_page_budget_of_zero_is_allowed()
    {
        Settings(("Cache:MaxPageMegabytes", "0")).MaxPageBytes.Should().Be(0);
    }

    [Theory]
    [InlineData("Cache:MaxEntries", "0")]
    [InlineData("Cache:TtlSeconds", "0")]
    [InlineData("Cache:MaxPageMegabytes", "-1")]
    [InlineData("Cache:MaxEntries", "many")]
    [InlineData("Cache:MaxPageMegabytes", "99999999999")]
    public void Startup_refuses_a_bound_that_is_not_a_whole_number_in_range(string key, string value)
    {
        var read = () => Settings((key, value));

        read.Should().Throw<StartupException>().WithMessage("Cache*");
    }

    private static CacheSettings Settings(params (string Key, string Value)[] values) =>
        CacheSettings.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
                .Build()
        );
}
