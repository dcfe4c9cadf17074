using System.Net;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>Instances of the service starting at once on one database, as a scaled-out deployment does.</summary>
public sealed class ConcurrentStartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_instances_on_one_sqlite_file_all_start_and_share_one_bootstrap_admin()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("taskforge-process-");
        try
        {
            await AllStartWithOneAdmin(Bootstrap(), workingDirectory.FullName);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Three_instances_on_one_postgres_database_all_start_and_share_one_bootstrap_admin()
    {
        var database = "taskforge_test_" + Guid.NewGuid().ToString("N");
        await RunOnServer($"CREATE DATABASE \"{database}\"");
        try
        {
            var settings = Bootstrap();
            settings["Database__Provider"] = "Postgres";
            settings["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(
                PostgresApp.ServerConnectionString
            )
            {
                Database = database,
            }.ToString();
            await AllStartWithOneAdmin(settings, workingDirectory: null);
        }
        finally
        {
            await RunOnServer($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static Dictionary<string, string> Bootstrap() =>
        new()
        {
            ["Bootstrap__AdminEmail"] = TaskforgeApp.AdminEmail,
            ["Bootstrap__AdminPassword"] = TaskforgeApp.AdminPassword,
        };

    private static async Task AllStartWithOneAdmin(Dictionary<string, string> settings, string? workingDirectory)
    {
        await using var first = ServiceProcess.Start(settings, workingDirectory);
        await using var second = ServiceProcess.Start(settings, workingDirectory);
        await using var third = ServiceProcess.Start(settings, workingDirectory);

        var addresses = await Task.WhenAll(
            first.WaitUntilListeningAsync(Deadline),
            second.WaitUntilListeningAsync(Deadline),
            third.WaitUntilListeningAsync(Deadline)
        );

        foreach (var address in addresses)
        {
            using var client = new HttpClient { BaseAddress = address };
            var login = await client.PostJsonAsync(
                "/api/v1/auth/login",
                new { email = TaskforgeApp.AdminEmail, password = TaskforgeApp.AdminPassword }
            );
            login.EnsureStatus(HttpStatusCode.OK);
            client.DefaultRequestHeaders.Authorization = new(
                "Bearer",
                (await login.JsonAsync()).GetProperty("accessToken").GetString()
            );
            var admins = await (await client.GetAsync($"/api/v1/users?q={TaskforgeApp.AdminEmail}")).JsonAsync();
            admins.GetProperty("items").GetArrayLength().Should().Be(1);
        }
    }

    private static async Task RunOnServer(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
