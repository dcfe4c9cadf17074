using System.Globalization;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure.ApiContract;

/// <summary>
/// Checks a JSON value against the part of JSON Schema 2020-12 that the API documents use:
/// type (one or a list), properties, required, additionalProperties, items, enum, const,
/// min/maxLength (in code points), min/maxItems, minimum/maximum, the uuid and date-time
/// formats, $ref to #/components/schemas, and oneOf/anyOf/allOf. A member a schema with
/// properties does not declare is an error unless additionalProperties allows it. A keyword it does not know is
/// an error of its own, so the documents cannot outgrow the check unnoticed.
/// </summary>
public sealed class JsonSchemaSubset(JsonElement document)
{
    private static readonly HashSet<string> Known =
    [
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "format",
        "$ref",
        "oneOf",
        "anyOf",
        "allOf",
        "description",
        "default",
        "pattern",
        "title",
        "example",
        "examples",
        "readOnly",
        "writeOnly",
        "deprecated",
        "nullable",
        "externalDocs",
    ];

    public void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                errors.Add($"{at}: the checker does not know the keyword '{keyword.Name}'");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(part, value, at, errors);
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices))
            {
                var matches = choices.EnumerateArray().Count(choice => Passes(choice, value, at));
                if (keyword == "oneOf" ? matches != 1 : matches == 0)
                {
                    errors.Add($"{at}: matches {matches} of the {keyword} choices");
                }
            }
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: {value.ValueKind} where the schema says {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => Same(o, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !Same(constant, value))
        {
            errors.Add($"{at}: {value.GetRawText()} is not {constant.GetRawText()}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(schema, value.GetString()!, at, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDecimal(), at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, at, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, at, errors);
                break;
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string at)
    {
        var errors = new List<string>();
        Check(schema, value, at, errors);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/components/schemas/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only {Prefix} references are supported, not {reference}.");
        }

        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[Prefix.Length..]);
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsOfType(t.GetString()!, value))
            : IsOfType(type.GetString()!, value);

    private static bool IsOfType(string type, JsonElement value) =>
        type switch
        {
            "null" => value.ValueKind == JsonValueKind.Null,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && decimal.IsInteger(value.GetDecimal()),
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            _ => throw new InvalidOperationException($"Unknown JSON Schema type '{type}'."),
        };

    private static bool Same(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind == JsonValueKind.Null || a.GetRawText() == b.GetRawText());

    private static void CheckText(JsonElement schema, string text, string at, List<string> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            errors.Add($"{at}: {length} characters, more than maxLength {max.GetInt32()}");
        }

        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            errors.Add($"{at}: {length} characters, fewer than minLength {min.GetInt32()}");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "uuid" => Guid.TryParseExact(text, "D", out _),
                "date-time" => DateTimeOffset.TryParse(
                    text,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.RoundtripKind,
                    out _
                ),
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{at}: '{text}' is not a {format.GetString()}");
            }
        }
    }

    private static void CheckNumber(JsonElement schema, decimal number, string at, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDecimal())
        {
            errors.Add($"{at}: {number} is below minimum {min.GetDecimal()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDecimal())
        {
            errors.Add($"{at}: {number} is above maximum {max.GetDecimal()}");
        }
    }

    private void CheckArray(JsonElement schema, JsonElement array, string at, List<string> errors)
    {
        var count = array.GetArrayLength();
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{at}: {count} items, more than maxItems {max.GetInt32()}");
        }

        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{at}: {count} items, fewer than minItems {min.GetInt32()}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                Check(items, item, $"{at}[{index++}]", errors);
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{at}: the required member '{name}' is missing");
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var member in value.EnumerateObject())
        {
            if (
                properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty(member.Name, out var property)
            )
            {
                Check(property, member.Value, $"{at}.{member.Name}", errors);
            }
            else if (
                additional.ValueKind == JsonValueKind.False
                || (additional.ValueKind == JsonValueKind.Undefined && properties.ValueKind == JsonValueKind.Object)
            )
            {
                errors.Add($"{at}: the member '{member.Name}' is not allowed");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, member.Value, $"{at}.{member.Name}", errors);
            }
        }
    }
}
