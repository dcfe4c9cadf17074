namespace Taskforge.Application.Common;

/// <summary>
/// How a conditional write ended: written, lost to a concurrent change, refused by a unique index,
/// or refused by a rule the statement checks (the last administrator stays one).
/// </summary>
public enum WriteOutcome
{
    Written,
    VersionMismatch,
    Duplicate,
    Refused,
}
