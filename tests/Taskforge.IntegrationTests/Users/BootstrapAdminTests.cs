using System.Net;
using Microsoft.Extensions.Logging;
using Taskforge.IntegrationTests.Caching;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

/// <summary>
/// Bootstrap:AdminEmail and Bootstrap:AdminPassword at startup: the account is created as an
/// administrator, or an existing one promoted, but only when the configured password is its own.
/// Each test starts a second instance on the first one's database, as a restart would.
/// </summary>
public abstract class BootstrapAdminTests(Func<TaskforgeApp> newApp)
{
    private const string OwnPassword = "own-password-1";
    private const string ConfiguredPassword = "configured-password-2";

    [Fact]
    public async Task An_email_no_account_has_is_created_as_an_administrator()
    {
        await using var instances = new Instances(newApp);
        var first = await instances.StartAsync();
        var email = TestUsers.NewEmail("bootstrap");
        var second = (await instances.StartAsync())
            .With("Bootstrap:AdminEmail", email)
            .With("Bootstrap:AdminPassword", ConfiguredPassword);

        var admin = await second.LogInAsync(Guid.Empty, email, ConfiguredPassword);

        (await RoleAsync(admin)).Should().Be("admin");
        (await admin.Client.GetAsync("/api/v1/users")).EnsureStatus(HttpStatusCode.OK);
        (await first.AdminAsync()).Should().NotBeNull("the first instance's administrator stays");
    }

    [Fact]
    public async Task An_existing_account_is_promoted_when_the_configured_password_is_its_password()
    {
        await using var instances = new Instances(newApp);
        var first = await instances.StartAsync();
        var user = await first.RegisterAsync(password: OwnPassword);
        (await RoleAsync(user)).Should().Be("user");

        var second = (await instances.StartAsync())
            .With("Bootstrap:AdminEmail", user.Email.ToUpperInvariant())
            .With("Bootstrap:AdminPassword", OwnPassword);
        var again = await second.LogInAsync(user.Id, user.Email, OwnPassword);

        (await RoleAsync(again)).Should().Be("admin");
        second
            .Logs.Lines.Should()
            .NotContain(line => line.Category.EndsWith("DatabaseStartup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_existing_account_is_not_promoted_with_another_password_and_a_warning_without_secrets_says_so()
    {
        await using var instances = new Instances(newApp);
        var first = await instances.StartAsync();
        var user = await first.RegisterAsync(password: OwnPassword);

        var second = (await instances.StartAsync())
            .With("Bootstrap:AdminEmail", user.Email)
            .With("Bootstrap:AdminPassword", ConfiguredPassword);
        var again = await second.LogInAsync(user.Id, user.Email, OwnPassword);

        (await RoleAsync(again)).Should().Be("user");
        await (await again.Client.GetAsync("/api/v1/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (
            await second
                .CreateClient()
                .PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ConfiguredPassword })
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        second
            .Logs.Lines.Should()
            .ContainSingle(line =>
                line.Level == LogLevel.Warning
                && line.Category.EndsWith("DatabaseStartup", StringComparison.Ordinal)
                && line.Message.Contains("not promoted", StringComparison.Ordinal)
            );
        second
            .Logs.Lines.Should()
            .NotContain(line =>
                line.ToString().Contains(ConfiguredPassword, StringComparison.Ordinal)
                || line.ToString().Contains(OwnPassword, StringComparison.Ordinal)
            );
    }

    private static async Task<string?> RoleAsync(TestUser user)
    {
        var me = await user.Client.GetAsync("/api/v1/users/me");
        me.EnsureStatus(HttpStatusCode.OK);
        return (await me.JsonAsync()).GetProperty("role").GetString();
    }
}

public sealed class SqliteBootstrapAdminTests() : BootstrapAdminTests(() => new SqliteApp());

public sealed class PostgresBootstrapAdminTests() : BootstrapAdminTests(() => new PostgresApp());
