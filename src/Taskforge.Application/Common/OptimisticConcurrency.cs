namespace Taskforge.Application.Common;

/// <summary>
/// Writes check the version they read. When a write loses that race, it is tried again on the
/// newer version, unless the caller pinned a version (If-Match): then the lost race is the answer.
/// </summary>
public static class OptimisticConcurrency
{
    // Each lost race means another writer got through, so this bounds waiting, not progress.
    public const int MaxAttempts = 10;

    public static async Task<Result<T>> RetryAsync<T>(long? expectedVersion, Func<Task<Result<T>>> attempt)
    {
        for (var attempts = 1; ; attempts++)
        {
            var result = await attempt();
            if (
                result.IsSuccess
                || result.Error != Error.VersionMismatch
                || expectedVersion is not null
                || attempts == MaxAttempts
            )
            {
                return result;
            }
        }
    }
}
