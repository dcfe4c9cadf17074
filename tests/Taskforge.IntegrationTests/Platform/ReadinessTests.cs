using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>Each test owns its app, because it takes the database away from it.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_is_503_when_the_sqlite_database_is_gone_while_live_stays_200()
    {
        var app = new SqliteApp();
        await using var _ = new Teardown(app);
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.OK);

        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(app.DatabaseFile)!, recursive: true);

        (await client.GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_is_503_when_the_postgres_database_is_gone_while_live_stays_200()
    {
        var app = new PostgresApp();
        await using var _ = new Teardown(app);
        await app.InitializeAsync();
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.OK);

        await using (var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString))
        {
            await connection.OpenAsync();
            var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        (await client.GetAsync("/health/ready")).EnsureStatus(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
    }

    private sealed class Teardown(IAsyncLifetime app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
