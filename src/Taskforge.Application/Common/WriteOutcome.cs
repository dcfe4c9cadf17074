namespace Taskforge.Application.Common;

/// <summary>How a conditional write ended: written, lost to a concurrent change, or refused by a unique index.</summary>
public enum WriteOutcome
{
    Written,
    VersionMismatch,
    Duplicate,
}
