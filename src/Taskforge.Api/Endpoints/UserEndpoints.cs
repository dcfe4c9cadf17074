using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Users;
using Taskforge.Domain.Users;

namespace Taskforge.Api.Endpoints;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization();

        users
            .MapGet("/me", GetMe)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(401)
            .WithSummary("The caller's own account.");
        users
            .MapPatch("/me", PatchMe)
            .Accepts<PatchMeRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 409, 412)
            .WithSummary("Change the caller's email or name (JSON merge patch).");
        users
            .MapPost("/me/password", ChangeOwnPassword)
            .ProducesProblems(400, 401)
            .WithSummary("Change the caller's password; every refresh token is revoked.");
        users
            .MapDelete("/me", DeleteMe)
            .ProducesProblems(401, 409, 412)
            .WithSummary("Delete the caller's account (409 for the last administrator).");

        var admin = users.MapGroup("").RequireAuthorization(CallerPrincipal.AdminPolicy);
        admin
            .MapGet("/", List)
            .ProducesProblems(400, 401, 403)
            .WithSummary("List users (admin); q matches email or name.");
        admin
            .MapGet("/{id:guid}", Get)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(401, 403, 404)
            .WithSummary("One user (admin).");
        admin
            .MapPut("/{id:guid}", Replace)
            .ProducesProblems(400, 401, 403, 404, 409, 412)
            .WithSummary("Replace a user's fields (admin); the last administrator keeps the role (409).");
        admin
            .MapPatch("/{id:guid}", Patch)
            .Accepts<PatchUserRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 403, 404, 409, 412)
            .WithSummary(
                "Change some of a user's fields (admin, JSON merge patch); the last administrator keeps the role (409)."
            );
        admin
            .MapDelete("/{id:guid}", Delete)
            .ProducesProblems(401, 403, 404, 409, 412)
            .WithSummary("Delete a user (admin); not the last administrator (409).");
        return api;
    }

    private static Task<Results<Ok<UserResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetMe(
        ClaimsPrincipal principal,
        GetUser getUser,
        HttpContext http,
        CancellationToken ct
    ) => Get(principal.ToCaller().UserId, getUser, http, ct);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> PatchMe(
        MergePatch patch,
        ClaimsPrincipal principal,
        UpdateUser update,
        HttpContext http,
        CancellationToken ct
    )
    {
        if (patch.Has("role"))
        {
            return Error.Invalid("role", "can only be changed by an administrator.").ToProblem(http);
        }

        return await Patch(principal.ToCaller().UserId, patch, update, http, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeOwnPassword(
        ChangePasswordRequest body,
        ClaimsPrincipal principal,
        ChangePassword changePassword,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await changePassword.ExecuteAsync(
            principal.ToCaller().UserId,
            new ChangePasswordCommand(body.CurrentPassword, body.NewPassword),
            ct
        );
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteMe(
        ClaimsPrincipal principal,
        DeleteUser delete,
        HttpContext http,
        CancellationToken ct
    ) => Delete(principal.ToCaller().UserId, delete, http, ct);

    private static async Task<Results<Ok<ListPage<UserResponse>>, ProblemHttpResult>> List(
        string? q,
        string? limit,
        string? cursor,
        ListUsers listUsers,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.UserListKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await listUsers.ExecuteAsync(q, page.Value.Limit, page.Value.After, ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        return TypedResults.Ok(ListPage.Of(result.Value, UserResponse.From, cursors, ApiJson.Default.UserListKey));
    }

    private static async Task<Results<Ok<UserResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id,
        GetUser getUser,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await getUser.ExecuteAsync(id, ct);
        return Representations.Read(result, http, UserResponse.From);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Replace(
        Guid id,
        ReplaceUserRequest body,
        UpdateUser update,
        HttpContext http,
        CancellationToken ct
    )
    {
        var changes = new UserChanges(
            Optional<string?>.Of(body.Email),
            Optional<string?>.Of(body.FirstName),
            Optional<string?>.Of(body.LastName),
            Optional<string?>.Of(body.Role)
        );
        return Representations.Written(
            await update.ExecuteAsync(id, changes, ETags.ExpectedVersion(http.Request), ct),
            http,
            UserResponse.From
        );
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Patch(
        Guid id,
        MergePatch patch,
        UpdateUser update,
        HttpContext http,
        CancellationToken ct
    )
    {
        var changes = new UserChanges(
            patch.Text("email"),
            patch.Text("firstName"),
            patch.Text("lastName"),
            patch.Text("role")
        );
        if (!patch.IsValid)
        {
            return patch.ToError().ToProblem(http);
        }

        return Representations.Written(
            await update.ExecuteAsync(id, changes, ETags.ExpectedVersion(http.Request), ct),
            http,
            UserResponse.From
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id,
        DeleteUser delete,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await delete.ExecuteAsync(id, ETags.ExpectedVersion(http.Request), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }
}
