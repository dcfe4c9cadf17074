using Taskforge.Application.Common;

namespace Taskforge.Application.Tasks;

/// <summary>
/// Text is stored verbatim, with one exception both databases force on us: PostgreSQL text
/// cannot hold U+0000, so it is refused up front (on both databases, to behave the same).
/// </summary>
public static class StoredText
{
    public const string NulMessage = "must not contain the character U+0000.";

    public static Validator Storable(this Validator validator, string field, string? value) =>
        value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? validator.Add(field, NulMessage)
            : validator;

    public static bool IsStorable(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal);
}
