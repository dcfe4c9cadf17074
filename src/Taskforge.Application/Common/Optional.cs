namespace Taskforge.Application.Common;

/// <summary>
/// A field of a merge patch (RFC 7396): absent means "leave it", present means "set it",
/// and present with null means "clear it".
/// </summary>
public readonly record struct Optional<T>(bool IsPresent, T Value)
{
    public static Optional<T> Absent => default;

    public static Optional<T> Of(T value) => new(true, value);

    public T Or(T current) => IsPresent ? Value : current;
}
