namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>The app on a fresh SQLite file, deleted afterwards.</summary>
public sealed class SqliteApp : TaskforgeApp
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "taskforge-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => "Sqlite";

    public string DatabaseFile => Path.Combine(_folder, "taskforge.db");

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings() =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={DatabaseFile}",
        };

    protected override async Task DisposeDatabaseAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
