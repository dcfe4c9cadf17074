using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Notifications;

namespace Taskforge.Api.Endpoints;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        feed.MapGet("/", List)
            .ProducesProblems(400, 401)
            .WithSummary("The caller's notifications, newest first; unread=true for only the unread ones.");
        feed.MapGet("/unread-count", CountUnread)
            .ProducesProblems(401)
            .WithSummary("How many of the caller's notifications are unread.");
        feed.MapPost("/{id:guid}/read", MarkRead)
            .ProducesProblems(401, 404)
            .WithSummary("Mark a notification read (again is fine: the first time is kept).");
        feed.MapPost("/read-all", MarkAllRead)
            .ProducesProblems(401)
            .WithSummary("Mark every notification of the caller read.");

        var settings = api.MapGroup("/users/me/notification-settings").WithTags("Notifications").RequireAuthorization();
        settings
            .MapGet("/", GetSettings)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(401)
            .WithSummary("The caller's notification switches.");
        settings
            .MapPut("/", ReplaceSettings)
            .ProducesProblems(400, 401, 412)
            .WithSummary("Set every notification switch.");
        settings
            .MapPatch("/", PatchSettings)
            .Accepts<NotificationSettingsPatchRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 412)
            .WithSummary("Set some notification switches (JSON merge patch).");
        return api;
    }

    private static async Task<Results<Ok<ListPage<NotificationResponse>>, ProblemHttpResult>> List(
        [AsParameters] NotificationListRequest query,
        ClaimsPrincipal principal,
        ListNotifications list,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var read = query.Read(cursors);
        if (!read.IsSuccess)
        {
            return read.Error.ToProblem(http);
        }

        var (unreadOnly, limit, after) = read.Value;
        var page = await list.ExecuteAsync(principal.ToCaller().UserId, unreadOnly, limit, after, ct);
        return TypedResults.Ok(
            ListPage.Of(page, NotificationResponse.From, cursors, ApiJson.Default.NotificationListKey)
        );
    }

    private static async Task<Ok<UnreadCountResponse>> CountUnread(
        ClaimsPrincipal principal,
        CountUnreadNotifications count,
        CancellationToken ct
    ) => TypedResults.Ok(new UnreadCountResponse(await count.ExecuteAsync(principal.ToCaller().UserId, ct)));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Guid id,
        ClaimsPrincipal principal,
        MarkNotificationRead markRead,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await markRead.ExecuteAsync(principal.ToCaller().UserId, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }

    private static async Task<NoContent> MarkAllRead(
        ClaimsPrincipal principal,
        MarkAllNotificationsRead markAllRead,
        CancellationToken ct
    )
    {
        await markAllRead.ExecuteAsync(principal.ToCaller().UserId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<NotificationSettingsResponse>, StatusCodeHttpResult>> GetSettings(
        ClaimsPrincipal principal,
        GetNotificationSettings get,
        HttpContext http,
        CancellationToken ct
    )
    {
        var settings = await get.ExecuteAsync(principal.ToCaller().UserId, ct);
        ETags.Set(http, settings.Version);
        return ETags.IsNotModified(http.Request, settings.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(NotificationSettingsResponse.From(settings));
    }

    private static Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> ReplaceSettings(
        NotificationSettingsRequest body,
        ClaimsPrincipal principal,
        ChangeNotificationSettings change,
        HttpContext http,
        CancellationToken ct
    ) =>
        ChangeAsync(
            NotificationSettingsChanges.All(body.EmailReminders, body.EmailWeeklySummary, body.PushReminders),
            principal,
            change,
            http,
            ct
        );

    private static Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> PatchSettings(
        MergePatch patch,
        ClaimsPrincipal principal,
        ChangeNotificationSettings change,
        HttpContext http,
        CancellationToken ct
    )
    {
        var changes = new NotificationSettingsChanges(
            patch.Flag("emailReminders"),
            patch.Flag("emailWeeklySummary"),
            patch.Flag("pushReminders")
        );
        return patch.IsValid
            ? ChangeAsync(changes, principal, change, http, ct)
            : Task.FromResult<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>>(
                patch.ToError().ToProblem(http)
            );
    }

    private static async Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> ChangeAsync(
        NotificationSettingsChanges changes,
        ClaimsPrincipal principal,
        ChangeNotificationSettings change,
        HttpContext http,
        CancellationToken ct
    )
    {
        Result<NotificationSettings> result = await change.ExecuteAsync(
            principal.ToCaller().UserId,
            changes,
            ETags.ExpectedVersion(http.Request),
            ct
        );
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        ETags.Set(http, result.Value.Version);
        return TypedResults.Ok(NotificationSettingsResponse.From(result.Value));
    }
}
