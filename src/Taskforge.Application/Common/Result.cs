using System.Diagnostics.CodeAnalysis;

namespace Taskforge.Application.Common;

/// <summary>Either a value or an <see cref="Error"/>; use cases return it instead of throwing.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(Error error)
    {
        _value = default;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error.Detail}");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}

/// <summary>The result of a use case that returns nothing on success.</summary>
public readonly record struct Done
{
    public static Done Value => default;
}
