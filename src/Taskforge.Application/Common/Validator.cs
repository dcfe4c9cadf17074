namespace Taskforge.Application.Common;

/// <summary>Collects field errors so a client sees every problem with its request at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public Validator Text(string field, string? value, int min, int max)
    {
        if (value is null)
        {
            return min > 0 ? Add(field, "is required.") : this;
        }

        var length = value.Length;
        if (length < min)
        {
            Add(field, min == 1 ? "must not be empty." : $"must be at least {min} characters.");
        }
        else if (length > max)
        {
            Add(field, $"must be at most {max} characters.");
        }

        // PostgreSQL cannot store U+0000 in text; refusing it everywhere keeps both databases alike.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, "must not contain NUL characters.");
        }

        return this;
    }

    public Validator RequiredText(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }

        return Text(field, value, 1, max);
    }

    public Validator Email(string field, string? value)
    {
        RequiredText(field, value, Domain.Users.User.EmailMaxLength);
        if (!string.IsNullOrWhiteSpace(value) && !LooksLikeEmail(value))
        {
            Add(field, "must be an email address.");
        }

        return this;
    }

    public Error ToError() =>
        Error.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    // Deliberately loose: one @ with text on both sides and a dot in the domain. Ownership is
    // proven by mail, not by a regular expression.
    private static bool LooksLikeEmail(string value)
    {
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == trimmed.LastIndexOf('@')
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.')
            && !trimmed.Any(char.IsWhiteSpace);
    }
}
