using Npgsql;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// The app on a fresh database of the PostgreSQL server named by TASKFORGE_TEST_POSTGRES
/// (scripts/test.sh starts a throwaway one). Without it these tests fail, never skip.
/// </summary>
public sealed class PostgresApp : TaskforgeApp
{
    private readonly string _database = "taskforge_test_" + Guid.NewGuid().ToString("N");
    private readonly string? _server;

    public PostgresApp() { }

    // xunit's class fixtures need exactly one public constructor.
    private PostgresApp(string serverConnectionString) => _server = serverConnectionString;

    /// <summary>The app on a fresh database of another server (say, one the test will stop).</summary>
    public static PostgresApp OnServer(string serverConnectionString) => new(serverConnectionString);

    public override string Provider => "Postgres";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TASKFORGE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "TASKFORGE_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server."
            );

    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TargetServer) { Database = _database }.ToString();

    private string TargetServer => _server ?? ServerConnectionString;

    public override async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(TargetServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings() =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = ConnectionString,
        };

    protected override async Task DisposeDatabaseAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TargetServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)",
            connection
        );
        await command.ExecuteNonQueryAsync();
    }
}
