using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// Runs the built service as its own process with a bad configuration: it must stop by itself,
/// with a non-zero exit code and one line on stderr naming the key to fix.
/// </summary>
public sealed class StartupConfigurationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, string> BadConfigurations =>
        new()
        {
            { "Database__Provider", "Mongo", "Database:Provider" },
            { "Database__Provider", "1", "Database:Provider" },
            { "Jwt__SigningKey", "short", "Jwt:SigningKey" },
            { "Jwt__SigningKeys__k2", "short", "Jwt:SigningKeys:k2" },
            { "Jwt__ActiveKeyId", "k9", "Jwt:ActiveKeyId" },
            { "TASKFORGE_SECRETS_DIR", "/nonexistent/taskforge-secrets", "TASKFORGE_SECRETS_DIR" },
            { "Jwt__AccessTokenMinutes", "0", "Jwt:AccessTokenMinutes" },
            { "Jwt__AccessTokenMinutes", "soon", "Jwt:AccessTokenMinutes" },
            { "ConnectionStrings__Sqlite", "Data Source=/dev/null/taskforge.db", "ConnectionStrings:Sqlite" },
            { "ConnectionStrings__Sqlite", "Nonsense=1", "ConnectionStrings:Sqlite" },
            { "Bootstrap__AdminEmail", "admin@example.test", "Bootstrap:Admin" },
            { "Push__Vapid__PublicKey", "not-a-key", "Push:Vapid:PublicKey" },
        };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task A_bad_setting_stops_the_process_with_one_line_naming_the_key(
        string variable,
        string value,
        string key
    )
    {
        await ShouldRefuseToStart(new Dictionary<string, string> { [variable] = value }, key);
    }

    [Fact]
    public async Task Production_without_a_signing_key_stops_the_process_naming_the_key()
    {
        await ShouldRefuseToStart(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = "" },
            "Jwt:SigningKey"
        );
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_the_process_naming_the_key()
    {
        await ShouldRefuseToStart(
            new Dictionary<string, string> { ["Database__Provider"] = "Postgres" },
            "ConnectionStrings:Postgres"
        );
    }

    [Fact]
    public async Task An_unreachable_postgres_stops_the_process_naming_the_key()
    {
        await ShouldRefuseToStart(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3",
            },
            "ConnectionStrings:Postgres"
        );
    }

    private static async Task ShouldRefuseToStart(Dictionary<string, string> environment, string key)
    {
        await using var service = ServiceProcess.Start(environment);

        var exitCode = await service.WaitForExitAsync(Deadline);

        exitCode.Should().NotBe(0, service.ToString());
        var errorLines = service.Error.Split(
            '\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        errorLines.Should().ContainSingle(service.ToString()).Which.Should().Contain(key);
        (service.Output + service.Error).Should().NotContain("   at ", "a configuration mistake is not a crash");
    }
}
