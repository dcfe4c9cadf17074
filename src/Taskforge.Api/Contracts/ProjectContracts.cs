using Taskforge.Domain.Projects;

namespace Taskforge.Api.Contracts;

/// <summary>The body of POST and PUT: every writable field of a project.</summary>
public sealed record ProjectRequest(string? Name, string? Description);
