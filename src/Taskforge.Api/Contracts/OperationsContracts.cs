namespace Taskforge.Api.Contracts;

public sealed record HealthResponse(string Status);
