using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Taskforge.Application.Auth;
using Taskforge.Application.Users;

namespace Taskforge.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> (JwtBearer does not restore here), and
/// answers 401 and 403 as problem details with the WWW-Authenticate header RFC 6750 asks for.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateCaller authenticate,
    IProblemDetailsService problems
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) && HubAccessToken() is { } queryToken)
        {
            header = Prefix + queryToken;
        }

        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }

        var caller = await authenticate.ExecuteAsync(header[Prefix.Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The access token is invalid or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString()),
                new Claim(ClaimTypes.Role, Roles.ToName(caller.Role)),
            ],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// Browsers cannot set headers on WebSockets and Server-Sent Events, so the hub (and only the
    /// hub) also takes the token from <c>?access_token=</c>, as the SignalR clients send it.
    /// </summary>
    private string? HubAccessToken() =>
        Request.Path.StartsWithSegments(Hubs.NotificationHub.Route)
        && Request.Query["access_token"] is { Count: 1 } token
        && !string.IsNullOrEmpty(token[0])
            ? token[0]
            : null;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = outcome.Failure is null
            ? "Bearer realm=\"taskforge\""
            : "Bearer realm=\"taskforge\", error=\"invalid_token\"";
        await WriteProblemAsync(outcome.Failure is null ? "An access token is required." : outcome.Failure.Message);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync("You are not allowed to do this.");
    }

    private async Task WriteProblemAsync(string detail) =>
        await problems.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Detail = detail },
            }
        );
}
