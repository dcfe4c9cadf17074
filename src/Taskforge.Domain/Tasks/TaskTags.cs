namespace Taskforge.Domain.Tasks;

/// <summary>
/// The tag rules: each tag is trimmed, duplicates collapse (case-sensitively: "Work" and "work"
/// are two tags) and the set is kept in ordinal order, so every read returns tags the same way.
/// </summary>
public static class TaskTags
{
    public const int MaxCount = 20;
    public const int MaxLength = 50;

    public static IReadOnlyList<string> Normalize(IEnumerable<string> tags) =>
        tags.Select(tag => tag.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
