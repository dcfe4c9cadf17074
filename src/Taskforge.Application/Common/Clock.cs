using Taskforge.Domain.Common;

namespace Taskforge.Application.Common;

public static class Clock
{
    /// <summary>Now, at the precision the databases keep.</summary>
    public static DateTimeOffset Now(this TimeProvider time) => Moment.Truncate(time.GetUtcNow());
}
