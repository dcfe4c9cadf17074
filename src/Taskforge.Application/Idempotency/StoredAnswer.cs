namespace Taskforge.Application.Idempotency;

/// <summary>The parts of a first answer that a replay gives back: status, body and the headers that name the result.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, string? Location, string? ETag, byte[] Body)
{
    /// <summary>
    /// Only final answers are kept: successes and 4xx refusals the same request would meet again.
    /// 5xx (and 503) are not, so a retry can succeed; 408 and 429 ask the client to come back later;
    /// answers marked <c>Cache-Control: no-store</c> carry tokens, which must never rest in the table.
    /// </summary>
    public static bool IsWorthKeeping(int status, bool noStore) =>
        !noStore && status is >= 200 and < 500 && status is not (408 or 429);
}
