using System.Security.Claims;
using Taskforge.Application.Auth;
using Taskforge.Application.Users;

namespace Taskforge.Api.Auth;

public static class CallerPrincipal
{
    public const string AdminPolicy = "admin";

    /// <summary>The caller of an endpoint that requires authorization (so the claims are ours).</summary>
    public static Caller ToCaller(this ClaimsPrincipal principal) =>
        new(
            Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!),
            Roles.FromName(principal.FindFirstValue(ClaimTypes.Role)) ?? Domain.Users.Role.User
        );

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services
            .AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
                BearerAuthenticationHandler.SchemeName,
                null
            );
        services
            .AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.ToName(Domain.Users.Role.Admin)));
        return services;
    }
}
