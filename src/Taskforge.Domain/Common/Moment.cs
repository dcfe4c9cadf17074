namespace Taskforge.Domain.Common;

public static class Moment
{
    /// <summary>
    /// Cuts a time to whole microseconds, the precision PostgreSQL keeps, so that a value
    /// read back equals the value written (ETags, cursors and tests depend on it).
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
