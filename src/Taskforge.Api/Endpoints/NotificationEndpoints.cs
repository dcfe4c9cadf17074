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
            .Accepts<NotificationSettingsRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 412)
            .WithSummary("Set some notification switches (JSON merge patch).");
        return api;
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
