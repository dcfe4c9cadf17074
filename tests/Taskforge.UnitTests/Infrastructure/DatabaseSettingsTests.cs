using Microsoft.Extensions.Configuration;
using Taskforge.Infrastructure.Configuration;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>How many write transactions one instance runs at once on PostgreSQL: its default and what startup refuses.</summary>
public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Concurrent_writes_default_to_twice_the_processor_count()
    {
        Settings().ConcurrentWrites.Should().Be(2 * Environment.ProcessorCount);
    }

    [Fact]
    public void Concurrent_writes_can_be_set()
    {
        Settings(("Database:ConcurrentWrites", "3")).ConcurrentWrites.Should().Be(3);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("four")]
    [InlineData("")]
    public void Startup_refuses_a_count_that_is_not_a_whole_number_of_at_least_one(string value)
    {
        var read = () => Settings(("Database:ConcurrentWrites", value));

        read.Should().Throw<StartupException>().WithMessage("*Database:ConcurrentWrites*at least 1*");
    }

    private static DatabaseSettings Settings(params (string Key, string Value)[] values) =>
        DatabaseSettings.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    values
                        .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
                        .Append(new("Database:Provider", "Postgres"))
                        .Append(new("ConnectionStrings:Postgres", "Host=127.0.0.1"))
                )
                .Build()
        );
}
