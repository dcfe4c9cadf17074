-- Webhooks: a user's subscriptions to their own events. events is a JSON array of event types,
-- or ["*"]; secret is the signing secret (whsec_ + base64), kept so deliveries can be signed.
-- consecutive_failures counts deliveries that ended failed since the last one that succeeded.
CREATE TABLE webhooks (
    id                    TEXT    NOT NULL PRIMARY KEY,
    owner_id              TEXT    NOT NULL REFERENCES users (id),
    url                   TEXT    NOT NULL,
    events                TEXT    NOT NULL,
    description           TEXT    NULL,
    secret                TEXT    NOT NULL,
    active                INTEGER NOT NULL,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    deleted_at            TEXT    NULL,
    version               INTEGER NOT NULL
);
CREATE INDEX ix_webhooks_owner ON webhooks (owner_id, created_at, id) WHERE deleted_at IS NULL;

-- One row per webhook and event (a ping is an event of its own), with the envelope it sends.
-- status: 0 pending, 1 succeeded, 2 failed (gave up). A pending row whose lease has run out was
-- claimed by a process that died, and is claimed again.
CREATE TABLE webhook_deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    webhook_id       TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    envelope         TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    status           INTEGER NOT NULL,
    response_status  INTEGER NULL,
    last_error       TEXT    NULL,
    last_attempt_at  TEXT    NULL,
    next_attempt_at  TEXT    NOT NULL,
    lease_until      TEXT    NULL,
    created_at       TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_webhook_event ON webhook_deliveries (webhook_id, event_id);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (webhook_id, lease_until) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_newest ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX ix_webhook_deliveries_failed ON webhook_deliveries (last_attempt_at, id) WHERE status = 2;
