namespace Taskforge.Domain.Tasks;

/// <summary>Stored as its number, so that sorting by priority is sorting by the column.</summary>
public enum Priority
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}
