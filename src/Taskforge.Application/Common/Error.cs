namespace Taskforge.Application.Common;

public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    TooManyRequests,
}

/// <summary>An expected failure of a use case: a value the web layer maps to a problem response.</summary>
public sealed record Error(ErrorKind Kind, string Detail)
{
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"The {what} does not exist.");

    public static Error Conflict(string detail) => new(ErrorKind.Conflict, detail);

    public static Error Unauthorized(string detail) => new(ErrorKind.Unauthorized, detail);

    public static Error Forbidden(string detail) => new(ErrorKind.Forbidden, detail);

    public static Error VersionMismatch { get; } =
        new(ErrorKind.PreconditionFailed, "The resource has changed since it was read (If-Match does not match).");

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "One or more fields are invalid.") { Fields = fields };

    public static Error Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Error TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(ErrorKind.TooManyRequests, detail) { RetryAfter = retryAfter };
}
