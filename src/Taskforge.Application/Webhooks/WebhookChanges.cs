using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Events;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

/// <summary>The fields a write may change; a POST sets url, events and description, a merge patch only those it names.</summary>
public sealed record WebhookChanges(
    Optional<string?> Url,
    Optional<IReadOnlyList<string?>?> Events,
    Optional<string?> Description,
    Optional<bool?> Active
)
{
    public static WebhookChanges Create(string? url, IReadOnlyList<string?>? events, string? description) =>
        new(
            Optional<string?>.Of(url),
            Optional<IReadOnlyList<string?>?>.Of(events),
            Optional<string?>.Of(description),
            Optional<bool?>.Absent
        );

    /// <summary>The webhook's fields after the changes, or the field errors that forbid them (the URL's syntax only).</summary>
    internal Result<WebhookFields> ApplyTo(WebhookFields current)
    {
        var url = Url.Or(current.Url);
        var events = Events.IsPresent ? Events.Value : current.Events;
        var description = Description.Or(current.Description);
        var active = Active.Or(current.Active);

        var validator = new Validator();
        var target = ReadUrl(validator, url);
        var types = ReadEvents(validator, events);
        validator
            .Text("description", description, 0, Webhook.DescriptionMaxLength)
            .Storable("description", description);
        if (active is null)
        {
            validator.Add("active", "must be true or false.");
        }

        return validator.IsValid
            ? new WebhookFields(url!, types!, description, active!.Value) { Target = target }
            : validator.ToError();
    }

    private static Uri? ReadUrl(Validator validator, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            validator.Add("url", "is required.");
            return null;
        }

        if (url.Length > Webhook.UrlMaxLength)
        {
            validator.Add("url", $"must be at most {Webhook.UrlMaxLength} characters.");
            return null;
        }

        if (
            url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.Host.Length == 0
        )
        {
            validator.Add("url", "must be an absolute https URL.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            validator.Add("url", "must not contain a user name or password.");
            return null;
        }

        return uri;
    }

    private static List<string>? ReadEvents(Validator validator, IReadOnlyList<string?>? events)
    {
        if (events is null)
        {
            validator.Add("events", "is required: a list of event types, or [\"*\"] for all.");
            return null;
        }

        var types = events.Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            validator.Add("events", "must name at least one event type, or be [\"*\"] for all.");
        }
        else if (types.Count > Webhook.MaxEvents)
        {
            validator.Add("events", $"must name at most {Webhook.MaxEvents} event types.");
        }
        else if (types.Contains(Webhook.AllEvents) && types.Count > 1)
        {
            validator.Add("events", "must be either [\"*\"] alone or a list of event types.");
        }
        else
        {
            foreach (var type in types)
            {
                if (type is null)
                {
                    validator.Add("events", "must contain only strings.");
                }
                else if (type != Webhook.AllEvents && !EventTypes.Public.Contains(type, StringComparer.Ordinal))
                {
                    var shown = type.Length <= 50 ? type : type[..50] + "...";
                    validator.Add(
                        "events",
                        $"'{shown}' is not an event type; use {string.Join(", ", EventTypes.Public)} or \"*\"."
                    );
                }
            }
        }

        return validator.IsValid ? types.Select(type => type!).ToList() : null;
    }
}

/// <summary>What a webhook is, as a client sets it; <see cref="Target"/> is the parsed URL when it was checked.</summary>
public sealed record WebhookFields(string Url, IReadOnlyList<string> Events, string? Description, bool Active)
{
    public static WebhookFields New { get; } = new("", [], null, true);

    public Uri? Target { get; init; }

    public static WebhookFields Of(Webhook webhook) =>
        new(webhook.Url, webhook.Events, webhook.Description, webhook.Active);
}
