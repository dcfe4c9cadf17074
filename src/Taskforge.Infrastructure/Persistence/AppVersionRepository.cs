using Taskforge.Application.AppVersions;
using Taskforge.Domain.AppVersions;

namespace Taskforge.Infrastructure.Persistence;

public sealed class AppVersionRepository(DbSession db) : IAppVersionPolicies
{
    private const string Columns = "platform, latest, minimum_supported, message, store_url, updated_at";

    public async Task<AppVersionPolicy?> GetAsync(string platform, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM app_versions WHERE platform = @platform",
            new { platform },
            ct
        );
        return row?.ToPolicy();
    }

    public async Task<IReadOnlyList<AppVersionPolicy>> ListAsync(CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>($"SELECT {Columns} FROM app_versions ORDER BY platform", null, ct);
        return rows.Select(r => r.ToPolicy()).ToList();
    }

    public Task SaveAsync(AppVersionPolicy policy, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO app_versions (platform, latest, minimum_supported, message, store_url, updated_at)
            VALUES (@platform, @latest, @minimum, @message, @storeUrl, @updatedAt)
            ON CONFLICT (platform) DO UPDATE SET latest = excluded.latest,
                minimum_supported = excluded.minimum_supported, message = excluded.message,
                store_url = excluded.store_url, updated_at = excluded.updated_at
            """,
            new
            {
                platform = policy.Platform,
                latest = policy.Latest.Text,
                minimum = policy.MinimumSupported.Text,
                message = policy.Message,
                storeUrl = policy.StoreUrl,
                updatedAt = policy.UpdatedAt,
            },
            ct
        );

    private sealed class Row
    {
        public string Platform { get; set; } = "";
        public string Latest { get; set; } = "";
        public string MinimumSupported { get; set; } = "";
        public string? Message { get; set; }
        public string? StoreUrl { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public AppVersionPolicy ToPolicy() =>
            new(
                Platform,
                SemanticVersion.Parse(Latest),
                SemanticVersion.Parse(MinimumSupported),
                Message,
                StoreUrl,
                UpdatedAt
            );
    }
}
