using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Taskforge.Api.Contracts;
using Taskforge.Application.AppVersions;
using Taskforge.Application.Auth;
using Taskforge.Application.Push;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;
using Taskforge.Domain.Events;
using Taskforge.Domain.Projects;
using Taskforge.Domain.Tasks;
using Taskforge.Domain.Users;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Api.Http.OpenApi;

/// <summary>
/// What the validators enforce on each request body, written into its schema: the limits are the
/// very constants the validators read, so the document and the server cannot drift apart.
/// </summary>
public static class SchemaRules
{
    private const string Clears = "null clears it.";

    private static readonly string[] PriorityNames = Enum.GetValues<Priority>().Select(Priorities.ToName).ToArray();
    private static readonly string[] RoleNames = Enum.GetValues<Role>().Select(Roles.ToName).ToArray();
    private static readonly string[] StatusNames = Enum.GetValues<TaskProgress>()
        .Select(TaskProgressNames.ToName)
        .ToArray();
    private static readonly string[] EventNames = [.. EventTypes.Public, Webhook.AllEvents];

    private static readonly Dictionary<string, Rule> Task = new(StringComparer.Ordinal)
    {
        ["projectId"] = new() { Note = "Absent or null: the caller's Inbox." },
        ["title"] = new() { MinLength = 1, MaxLength = TaskItem.TitleMaxLength },
        ["description"] = new() { MaxLength = TaskItem.DescriptionMaxLength },
        ["priority"] = new() { Enum = PriorityNames },
        ["tags"] = new()
        {
            MaxItems = TaskTags.MaxCount,
            Items = new() { MinLength = 1, MaxLength = TaskTags.MaxLength },
        },
        ["status"] = new() { Enum = StatusNames },
    };

    private static readonly Dictionary<string, Rule> Project = new(StringComparer.Ordinal)
    {
        ["name"] = new() { MinLength = 1, MaxLength = Domain.Projects.Project.NameMaxLength },
        ["description"] = new() { MaxLength = Domain.Projects.Project.DescriptionMaxLength },
    };

    private static readonly Dictionary<string, Rule> Person = new(StringComparer.Ordinal)
    {
        ["email"] = new()
        {
            MinLength = 1,
            MaxLength = User.EmailMaxLength,
            Format = "email",
        },
        ["password"] = new() { MinLength = User.PasswordMinLength, MaxLength = User.PasswordMaxLength },
        ["firstName"] = new() { MinLength = 1, MaxLength = User.NameMaxLength },
        ["lastName"] = new() { MinLength = 1, MaxLength = User.NameMaxLength },
        ["role"] = new() { Enum = RoleNames },
        ["currentPassword"] = new() { MinLength = 1, MaxLength = User.PasswordMaxLength },
        ["newPassword"] = new() { MinLength = User.PasswordMinLength, MaxLength = User.PasswordMaxLength },
    };

    private static readonly Dictionary<string, Rule> Credentials = new(StringComparer.Ordinal)
    {
        ["email"] = new() { MinLength = 1, MaxLength = LogIn.InputMaxLength },
        ["password"] = new() { MinLength = 1, MaxLength = LogIn.InputMaxLength },
    };

    private static readonly Dictionary<string, Rule> Hook = new(StringComparer.Ordinal)
    {
        ["url"] = new() { MaxLength = Webhook.UrlMaxLength, Format = "uri" },
        ["events"] = new()
        {
            MinItems = 1,
            MaxItems = Webhook.MaxEvents,
            Items = new() { Enum = EventNames },
        },
        ["description"] = new() { MaxLength = Webhook.DescriptionMaxLength },
    };

    private static readonly Dictionary<string, Rule> Push = new(StringComparer.Ordinal)
    {
        ["endpoint"] = new() { MaxLength = SubscribeToPush.EndpointMaxLength, Format = "uri" },
    };

    private static readonly Dictionary<string, Rule> AppVersion = new(StringComparer.Ordinal)
    {
        ["message"] = new() { MaxLength = SetAppVersionPolicy.MaxMessageLength },
        ["storeUrl"] = new() { Format = "uri" },
    };

    /// <summary>Each request schema: its purpose, the members it requires, and the rules of its members.</summary>
    private static readonly Dictionary<Type, Body> Bodies = new()
    {
        [typeof(TaskRequest)] = Body.Whole(
            "A task to create or replace (absent or null members take their defaults).",
            Task,
            "title"
        ),
        [typeof(TaskV2Request)] = Body.Whole(
            "A task to create or replace (absent or null members take their defaults).",
            Task,
            "title"
        ),
        [typeof(TaskPatchRequest)] = Body.Patch("A JSON merge patch of a task.", Task, "title"),
        [typeof(TaskV2PatchRequest)] = Body.Patch("A JSON merge patch of a task.", Task, "title"),
        [typeof(ProjectRequest)] = Body.Whole("A project to create or replace.", Project, "name"),
        [typeof(ProjectPatchRequest)] = Body.Patch("A JSON merge patch of a project.", Project, "name"),
        [typeof(RegisterRequest)] = Body.Whole("A new account.", Person, "email", "password", "firstName", "lastName"),
        [typeof(LoginRequest)] = Body.Whole("Credentials to exchange for tokens.", Credentials, "email", "password"),
        [typeof(RefreshTokenRequest)] = Body.Whole("A refresh token.", [], "refreshToken"),
        [typeof(ChangePasswordRequest)] = Body.Whole(
            "The current and the new password.",
            Person,
            "currentPassword",
            "newPassword"
        ),
        [typeof(ReplaceUserRequest)] = Body.Whole(
            "Every writable field of a user (admin).",
            Person,
            "email",
            "firstName",
            "lastName",
            "role"
        ),
        [typeof(PatchUserRequest)] = Body.Patch(
            "A JSON merge patch of a user (admin).",
            Person,
            "email",
            "firstName",
            "lastName",
            "role"
        ),
        [typeof(PatchMeRequest)] = Body.Patch(
            "A JSON merge patch of the caller's own account; the role cannot be changed here.",
            Person,
            "email",
            "firstName",
            "lastName"
        ),
        [typeof(NotificationSettingsRequest)] = Body.Whole(
            "Every notification setting.",
            [],
            "emailReminders",
            "emailWeeklySummary",
            "pushReminders"
        ),
        [typeof(NotificationSettingsPatchRequest)] = Body.Patch(
            "A JSON merge patch of the notification settings.",
            [],
            "emailReminders",
            "emailWeeklySummary",
            "pushReminders"
        ),
        [typeof(WebhookRequest)] = Body.Whole("A webhook to create.", Hook, "url", "events"),
        [typeof(WebhookPatchRequest)] = Body.Patch("A JSON merge patch of a webhook.", Hook, "url", "events", "active"),
        [typeof(PushSubscriptionRequest)] = Body.Whole(
            "A browser's PushSubscription, as JSON.stringify writes it.",
            Push,
            "endpoint",
            "keys"
        ),
        [typeof(PushSubscriptionKeys)] = Body.Whole("The subscription's keys (base64url).", [], "p256dh", "auth"),
        [typeof(AppVersionPolicyChanges)] = Body.Whole(
            "A platform's version policy.",
            AppVersion,
            "latest",
            "minimumSupported"
        ),
    };

    public static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (Bodies.TryGetValue(context.JsonTypeInfo.Type, out var body))
        {
            body.ApplyTo(schema);
        }

        Bound(schema);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>
    /// Every string, integer and array gets its bounds. Where no validator names a tighter one, the
    /// bound is what the transport allows (a body is at most <see cref="HttpConventions.MaxBodyBytes"/>)
    /// or what the type holds; numbers are JSON numbers, never strings.
    /// </summary>
    public static void Bound(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Type is { } number && number.HasFlag(JsonSchemaType.Number) && number.HasFlag(JsonSchemaType.String))
        {
            schema.Type = number & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (
            schema.Type?.HasFlag(JsonSchemaType.String) == true
            && schema.MaxLength is null
            && schema.Enum is not { Count: > 0 }
            && schema.Const is null
        )
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date-time" => 64,
                _ => (int)HttpConventions.MaxBodyBytes,
            };
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            schema.Format ??= "int64";
            var wide = schema.Format == "int64";
            schema.Minimum ??= wide
                ? long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum ??= wide
                ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true)
        {
            schema.MaxItems ??= (int)HttpConventions.MaxBodyBytes;
        }

        foreach (var property in schema.Properties?.Values ?? [])
        {
            if (property is OpenApiSchema inline)
            {
                Bound(inline);
            }
        }

        if (schema.Items is OpenApiSchema items)
        {
            Bound(items);
        }
    }

    private sealed record Rule
    {
        public int? MinLength { get; init; }
        public int? MaxLength { get; init; }
        public int? MinItems { get; init; }
        public int? MaxItems { get; init; }
        public string? Format { get; init; }
        public string[]? Enum { get; init; }
        public Rule? Items { get; init; }
        public string? Note { get; init; }

        public void ApplyTo(OpenApiSchema schema)
        {
            schema.MinLength = MinLength ?? schema.MinLength;
            schema.MaxLength = MaxLength ?? schema.MaxLength;
            schema.MinItems = MinItems ?? schema.MinItems;
            schema.MaxItems = MaxItems ?? schema.MaxItems;
            schema.Format = Format ?? schema.Format;
            if (Enum is not null)
            {
                schema.Enum = [.. Enum.Select(name => (JsonNode)JsonValue.Create(name))];
                if (schema.Type?.HasFlag(JsonSchemaType.Null) == true)
                {
                    schema.Enum.Add(null!);
                }
            }

            if (Items is not null && schema.Items is OpenApiSchema items)
            {
                items.Type &= ~JsonSchemaType.Null;
                Items.ApplyTo(items);
            }

            if (Note is not null)
            {
                schema.Description = Note;
            }
        }
    }

    /// <param name="IsPatch">A merge patch: nothing is required; null clears a member, or is refused where the member cannot be empty.</param>
    /// <param name="Needed">Required members of a whole body; of a patch, the members that may not be null.</param>
    private sealed record Body(string Purpose, bool IsPatch, Dictionary<string, Rule> Rules, string[] Needed)
    {
        public static Body Whole(string purpose, Dictionary<string, Rule> rules, params string[] required) =>
            new(purpose, false, rules, required);

        public static Body Patch(string purpose, Dictionary<string, Rule> rules, params string[] notNull) =>
            new(purpose + " An absent member is left as it is; a member set to null is cleared.", true, rules, notNull);

        public void ApplyTo(OpenApiSchema schema)
        {
            schema.Description = Purpose;
            schema.Required = IsPatch ? new HashSet<string>() : new HashSet<string>(Needed, StringComparer.Ordinal);
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (property is not OpenApiSchema member)
                {
                    continue;
                }

                if (Rules.TryGetValue(name, out var rule))
                {
                    rule.ApplyTo(member);
                }

                var needed = Needed.Contains(name, StringComparer.Ordinal);
                if (needed)
                {
                    member.Type &= ~JsonSchemaType.Null;
                    if (member.Enum is { } values)
                    {
                        member.Enum = [.. values.Where(v => v is not null)];
                    }
                }
                else if (IsPatch && member.Type?.HasFlag(JsonSchemaType.Null) == true && member.Description is null)
                {
                    member.Description = (member.Description is null ? "" : member.Description + " ") + Clears;
                }
            }
        }
    }
}
