using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>The wire names of roles: "user" and "admin".</summary>
public static class Roles
{
    public static string ToName(Role role) => role == Role.Admin ? "admin" : "user";

    public static Role? FromName(string? name) =>
        name switch
        {
            "user" => Role.User,
            "admin" => Role.Admin,
            _ => null,
        };
}
