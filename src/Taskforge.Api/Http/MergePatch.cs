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

    private MergePatch(JsonElement root)
    {
        _root = root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            _validator.Add("body", "must be a JSON object (a merge patch).");
        }
    }

    public static Result<MergePatch> From(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
            ? new MergePatch(body)
            : Error.Invalid("body", "must be a JSON object (a merge patch).");

    /// <summary>
    /// Binds the request body as a merge patch. Binding it here, rather than as a JSON parameter,
    /// leaves the endpoint's documented body schema to its <c>Accepts</c> metadata.
    /// </summary>
    public static async ValueTask<MergePatch?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException(
                "Expected a JSON merge patch.",
                StatusCodes.Status415UnsupportedMediaType
            );
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return new MergePatch(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException(
                "The merge patch is not well-formed JSON.",
                StatusCodes.Status400BadRequest,
                e
            );
        }
    }

    public bool IsValid => _validator.IsValid;

    public Error ToError() => _validator.ToError();

    public bool Has(string name) => TryGet(name, out _);

    public Optional<string?> Text(string name) => Read(name, JsonValueKind.String, "a string", e => e.GetString());

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
        if (!TryGet(name, out var value))
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

        return DateTimeOffset.TryParse(
            text.Value,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var time
        )
            ? Optional<DateTimeOffset?>.Of(time.ToUniversalTime())
            : Wrong<DateTimeOffset?>(name, "an ISO 8601 date and time");
    }

    public Optional<IReadOnlyList<string>?> TextList(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Optional<IReadOnlyList<string>?>.Absent;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return Optional<IReadOnlyList<string>?>.Of(null);
        }

        if (
            value.ValueKind != JsonValueKind.Array
            || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !IsReadableText(e))
        )
        {
            return Wrong<IReadOnlyList<string>?>(name, "an array of strings");
        }

        return Optional<IReadOnlyList<string>?>.Of(value.EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    // A body that is not an object has no members (and is already an error).
    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out value);
    }

    private Optional<T?> Read<T>(string name, JsonValueKind kind, string expected, Func<JsonElement, T?> read)
    {
        if (!TryGet(name, out var value))
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
