using System.Globalization;
using System.Text.Json;
using Taskforge.Application.Common;

namespace Taskforge.Api.Http;

/// <summary>
/// Reads a JSON merge patch (RFC 7396) field by field: an absent member leaves the field,
/// null clears it, a value sets it. Members of the wrong JSON type become field errors.
/// </summary>
public sealed class MergePatch
{
    private readonly JsonElement _root;
    private readonly Validator _validator = new();

    private MergePatch(JsonElement root) => _root = root;

    public static Result<MergePatch> From(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
            ? new MergePatch(body)
            : Error.Invalid("$", "A merge patch must be a JSON object.");

    public bool IsValid => _validator.IsValid;

    public Error ToError() => _validator.ToError();

    public bool Has(string name) => _root.TryGetProperty(name, out _);

    public Optional<string?> Text(string name) =>
        Read(name, JsonValueKind.String, "a string", e => e.GetString());

    // A lone surrogate escape ("\ud800") is valid JSON but no string: the reader refuses it.
    private static bool IsReadableText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public Optional<Guid?> Id(string name)
    {
        var text = Text(name);
        if (!text.IsPresent || text.Value is null)
        {
            return text.IsPresent ? Optional<Guid?>.Of(null) : Optional<Guid?>.Absent;
        }

        return Guid.TryParse(text.Value, out var id) ? Optional<Guid?>.Of(id) : Wrong<Guid?>(name, "an id (a UUID)");
    }

    public Optional<bool?> Flag(string name)
    {
        if (!_root.TryGetProperty(name, out var value))
        {
            return Optional<bool?>.Absent;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => Optional<bool?>.Of(null),
            JsonValueKind.True => Optional<bool?>.Of(true),
            JsonValueKind.False => Optional<bool?>.Of(false),
            _ => Wrong<bool?>(name, "true or false"),
        };
    }

    public Optional<DateTimeOffset?> Instant(string name)
    {
        var text = Text(name);
        if (!text.IsPresent || text.Value is null)
        {
            return text.IsPresent ? Optional<DateTimeOffset?>.Of(null) : Optional<DateTimeOffset?>.Absent;
        }

        return DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Optional<DateTimeOffset?>.Of(time.ToUniversalTime())
            : Wrong<DateTimeOffset?>(name, "an ISO 8601 date and time");
    }

    public Optional<IReadOnlyList<string>?> TextList(string name)
    {
        if (!_root.TryGetProperty(name, out var value))
        {
            return Optional<IReadOnlyList<string>?>.Absent;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return Optional<IReadOnlyList<string>?>.Of(null);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !IsReadableText(e)))
        {
            return Wrong<IReadOnlyList<string>?>(name, "an array of strings");
        }

        return Optional<IReadOnlyList<string>?>.Of(value.EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    private Optional<T?> Read<T>(string name, JsonValueKind kind, string expected, Func<JsonElement, T?> read)
    {
        if (!_root.TryGetProperty(name, out var value))
        {
            return Optional<T?>.Absent;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return Optional<T?>.Of(default);
        }

        return value.ValueKind == kind && (kind != JsonValueKind.String || IsReadableText(value))
            ? Optional<T?>.Of(read(value))
            : Wrong<T?>(name, expected);
    }

    private Optional<T> Wrong<T>(string name, string expected)
    {
        _validator.Add(name, $"must be {expected}.");
        return Optional<T>.Absent;
    }
}
