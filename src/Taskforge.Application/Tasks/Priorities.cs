using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>The wire names of priorities: "none", "low", "medium", "high".</summary>
public static class Priorities
{
    public const string Expected = "must be one of \"none\", \"low\", \"medium\", \"high\".";

    public static string ToName(Priority priority) =>
        priority switch
        {
            Priority.Low => "low",
            Priority.Medium => "medium",
            Priority.High => "high",
            _ => "none",
        };

    public static Priority? FromName(string? name) =>
        name switch
        {
            "none" => Priority.None,
            "low" => Priority.Low,
            "medium" => Priority.Medium,
            "high" => Priority.High,
            _ => null,
        };
}
