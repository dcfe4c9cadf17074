using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>A user as v1 shows it: the body of GET and the <c>data</c> of its events.</summary>
public sealed record UserResponse(
    Guid Id,
    string Email,
    string FirstName,
    string LastName,
    string Role,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public static UserResponse From(User user) =>
        new(
            user.Id,
            user.Email,
            user.FirstName,
            user.LastName,
            Roles.ToName(user.Role),
            user.CreatedAt.UtcDateTime,
            user.UpdatedAt.UtcDateTime
        );
}
