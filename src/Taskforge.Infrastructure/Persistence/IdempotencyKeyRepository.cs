using Taskforge.Application.Idempotency;

namespace Taskforge.Infrastructure.Persistence;

public sealed class IdempotencyKeyRepository(DbSession db) : IIdempotencyKeys
{
    private const string Key = "scope = @Scope AND idempotency_key = @Key";

    public async Task<bool> TryStartAsync(
        IdempotentRequest request,
        Guid leaseId,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken ct
    ) =>
        await db.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, lease_id, lease_until, created_at)
            VALUES (@Scope, @Key, @Fingerprint, 'running', @leaseId, @leaseUntil, @now)
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            """,
            new
            {
                request.Scope,
                request.Key,
                request.Fingerprint,
                leaseId,
                leaseUntil,
                now,
            },
            ct
        ) > 0;

    public async Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT fingerprint, state, lease_id, lease_until, status, content_type, location, etag, body, created_at
            FROM idempotency_keys WHERE {Key}
            """,
            new { Scope = scope, Key = key },
            ct
        );
        return row?.ToRecord();
    }

    public async Task<bool> TakeOverAsync(
        IdempotentRequest request,
        Guid previousLease,
        Guid leaseId,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken ct
    ) =>
        await db.ExecuteAsync(
            $"""
            UPDATE idempotency_keys
            SET fingerprint = @Fingerprint, state = 'running', lease_id = @leaseId, lease_until = @leaseUntil,
                status = NULL, content_type = NULL, location = NULL, etag = NULL, body = NULL, created_at = @now
            WHERE {Key} AND lease_id = @previousLease
            """,
            new
            {
                request.Scope,
                request.Key,
                request.Fingerprint,
                previousLease,
                leaseId,
                leaseUntil,
                now,
            },
            ct
        ) > 0;

    public async Task<bool> KeepAnswerAsync(
        IdempotentRequest request,
        Guid leaseId,
        StoredAnswer answer,
        CancellationToken ct
    ) =>
        await db.ExecuteAsync(
            $"""
            UPDATE idempotency_keys
            SET state = 'done', lease_until = NULL, status = @Status, content_type = @ContentType,
                location = @Location, etag = @ETag, body = @Body
            WHERE {Key} AND lease_id = @leaseId AND state = 'running'
            """,
            new
            {
                request.Scope,
                request.Key,
                leaseId,
                answer.Status,
                answer.ContentType,
                answer.Location,
                answer.ETag,
                answer.Body,
            },
            ct
        ) > 0;

    public async Task<bool> ReleaseAsync(IdempotentRequest request, Guid leaseId, CancellationToken ct) =>
        await db.ExecuteAsync(
            $"DELETE FROM idempotency_keys WHERE {Key} AND lease_id = @leaseId AND state = 'running'",
            new
            {
                request.Scope,
                request.Key,
                leaseId,
            },
            ct
        ) > 0;

    private sealed class Row
    {
        public string Fingerprint { get; set; } = "";
        public string State { get; set; } = "";
        public Guid LeaseId { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }
        public int? Status { get; set; }
        public string? ContentType { get; set; }
        public string? Location { get; set; }
        public string? Etag { get; set; }
        public byte[]? Body { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public IdempotencyRecord ToRecord() =>
            new(
                Fingerprint,
                LeaseId,
                LeaseUntil,
                CreatedAt,
                State == "done" && Status is { } status
                    ? new StoredAnswer(status, ContentType, Location, Etag, Body ?? [])
                    : null
            );
    }
}
