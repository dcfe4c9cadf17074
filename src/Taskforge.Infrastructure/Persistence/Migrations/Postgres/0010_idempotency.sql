-- One row per (scope, key) of an Idempotency-Key request: the scope is the caller's user id, or
-- 'anonymous:' + SHA-256 of the body for requests without a user. While the first request runs
-- the row is 'running' under a lease (lease_until); its answer is stored, as 'done', in the same
-- transaction as the request's writes. Rows are purged 24 hours after created_at.
CREATE TABLE idempotency_keys (
    scope            text        NOT NULL,
    idempotency_key  text        NOT NULL,
    fingerprint      text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('running', 'done')),
    lease_id         uuid        NOT NULL,
    lease_until      timestamptz NULL,
    status           integer     NULL,
    content_type     text        NULL,
    location         text        NULL,
    etag             text        NULL,
    body             bytea       NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
