-- One row per (scope, key) of an Idempotency-Key request: the scope is the caller's user id, or
-- 'anonymous:' + SHA-256 of the body for requests without a user. While the first request runs
-- the row is 'running' under a lease (lease_until); its answer is stored, as 'done', in the same
-- transaction as the request's writes. Rows are purged 24 hours after created_at.
CREATE TABLE idempotency_keys (
    scope            TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL,
    fingerprint      TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('running', 'done')),
    lease_id         TEXT    NOT NULL,
    lease_until      TEXT    NULL,
    status           INTEGER NULL,
    content_type     TEXT    NULL,
    location         TEXT    NULL,
    etag             TEXT    NULL,
    body             BLOB    NULL,
    created_at       TEXT    NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
