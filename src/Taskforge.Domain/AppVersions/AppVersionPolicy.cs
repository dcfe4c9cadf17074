namespace Taskforge.Domain.AppVersions;

public enum UpdateKind
{
    None,
    Soft,
    Hard,
}

/// <summary>What one platform's builds should run: the newest release and the oldest still served.</summary>
public sealed record AppVersionPolicy(
    string Platform,
    SemanticVersion Latest,
    SemanticVersion MinimumSupported,
    string? Message,
    string? StoreUrl,
    DateTimeOffset UpdatedAt
)
{
    public UpdateKind UpdateFor(SemanticVersion current) =>
        current < MinimumSupported ? UpdateKind.Hard
        : current < Latest ? UpdateKind.Soft
        : UpdateKind.None;

    public bool IsSupported(SemanticVersion current) => current >= MinimumSupported;
}
