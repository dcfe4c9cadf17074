using Taskforge.Domain.Projects;

namespace Taskforge.Api.Contracts;

/// <summary>The body of POST and PUT: every writable field of a project.</summary>
public sealed record ProjectRequest(string? Name, string? Description);

/// <summary>The shape of a project merge patch, for the API document.</summary>
public sealed record ProjectPatchRequest(string? Name, string? Description);
