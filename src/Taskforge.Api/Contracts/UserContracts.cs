using Taskforge.Application.Users;
using Taskforge.Domain.Users;

namespace Taskforge.Api.Contracts;

public sealed record ReplaceUserRequest(string? Email, string? FirstName, string? LastName, string? Role);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The shape of the caller's own merge patch, for the API document: no role here.</summary>
public sealed record PatchMeRequest(string? Email, string? FirstName, string? LastName);

/// <summary>The shape of a user merge patch (admin), for the API document: every member is optional.</summary>
public sealed record PatchUserRequest(string? Email, string? FirstName, string? LastName, string? Role);
