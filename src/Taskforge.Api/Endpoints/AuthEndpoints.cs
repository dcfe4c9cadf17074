using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Auth;
using Taskforge.Application.Users;

namespace Taskforge.Api.Endpoints;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/register", Register)
            .ProducesProblems(400, 409, 413, 415)
            .WithSummary("Create an account and its Inbox project.");
        auth.MapPost("/login", LogIn)
            .NotStored()
            .ProducesProblems(400, 401, 429)
            .WithSummary("Exchange email and password for an access token and a refresh token.");
        auth.MapPost("/refresh", Refresh)
            .NotStored()
            .ProducesProblems(400, 401)
            .WithSummary("Trade a refresh token for a new pair; the old token is spent.");
        auth.MapPost("/logout", LogOut).ProducesProblems(400).WithSummary("End the session of a refresh token.");
        return api;
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Register(
        RegisterRequest body,
        RegisterUser register,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await register.ExecuteAsync(
            new RegisterUserCommand(body.Email, body.Password, body.FirstName, body.LastName),
            ct
        );
        return Representations.Created(result, http, "users", UserResponse.From);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LogIn(
        LoginRequest body,
        LogIn logIn,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await logIn.ExecuteAsync(new LogInCommand(body.Email, body.Password), ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : result.Error.ToProblem(http);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshTokenRequest body,
        RotateRefreshToken rotate,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await rotate.ExecuteAsync(body.RefreshToken, ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : result.Error.ToProblem(http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogOut(
        RefreshTokenRequest body,
        LogOut logOut,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await logOut.ExecuteAsync(body.RefreshToken, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }

    private static TokenResponse ToResponse(TokenPair pair) =>
        new(pair.AccessToken, "Bearer", pair.ExpiresIn, pair.RefreshToken);
}
