using System.Globalization;

namespace Taskforge.Domain.AppVersions;

/// <summary>
/// A SemVer 2.0.0 version (https://semver.org), compared by precedence: build metadata is kept
/// for display but ignored, and a pre-release sorts below its release.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private readonly string[] _preRelease;

    private SemanticVersion(ulong major, ulong minor, ulong patch, string[] preRelease, string? build, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _preRelease = preRelease;
        Build = build;
        Text = text;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public IReadOnlyList<string> PreRelease => _preRelease;

    public string? Build { get; }

    public string Text { get; }

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            return false;
        }

        var rest = text;
        string? build = null;
        var plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!build.Split('.').All(IsIdentifier))
            {
                return false;
            }
        }

        string[] preRelease = [];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            preRelease = rest[(dash + 1)..].Split('.');
            rest = rest[..dash];
            if (!preRelease.All(p => IsIdentifier(p) && (!IsNumeric(p) || !HasLeadingZero(p))))
            {
                return false;
            }
        }

        var core = rest.Split('.');
        if (
            core.Length != 3
            || !core.All(p => IsNumeric(p) && !HasLeadingZero(p))
            || !ulong.TryParse(core[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !ulong.TryParse(core[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !ulong.TryParse(core[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
        )
        {
            return false;
        }

        version = new SemanticVersion(major, minor, patch, preRelease, build, text);
        return true;
    }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a SemVer 2.0 version.");

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }

        // A version without pre-release fields has higher precedence than one with them.
        if (_preRelease.Length == 0 || other._preRelease.Length == 0)
        {
            return _preRelease.Length == other._preRelease.Length ? 0
                : _preRelease.Length == 0 ? 1
                : -1;
        }

        for (var i = 0; i < Math.Min(_preRelease.Length, other._preRelease.Length); i++)
        {
            var order = CompareIdentifiers(_preRelease[i], other._preRelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _preRelease.Length.CompareTo(other._preRelease.Length);
    }

    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', _preRelease));

    public override string ToString() => Text;

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;

    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);

    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = IsNumeric(left);
        var rightNumeric = IsNumeric(right);
        if (leftNumeric && rightNumeric)
        {
            // Numeric identifiers compare as numbers, of any length: longer (no leading zeros) is larger.
            return left.Length != right.Length
                ? left.Length.CompareTo(right.Length)
                : string.CompareOrdinal(left, right);
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsNumeric(string part) => part.Length > 0 && part.All(char.IsAsciiDigit);

    private static bool HasLeadingZero(string numeric) => numeric.Length > 1 && numeric[0] == '0';
}
