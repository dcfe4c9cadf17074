-- Webhooks: a user's subscriptions to their own events. events is a JSON array of event types,
-- or ["*"]; secret is the signing secret (whsec_ + base64), kept so deliveries can be signed.
-- consecutive_failures counts deliveries that ended failed since the last one that succeeded.
CREATE TABLE webhooks (
    id                    uuid        NOT NULL PRIMARY KEY,
    owner_id              uuid        NOT NULL REFERENCES users (id),
    url                   text        NOT NULL,
    events                text        NOT NULL,
    description           text        NULL,
    secret                text        NOT NULL,
    active                boolean     NOT NULL,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    deleted_at            timestamptz NULL,
    version               bigint      NOT NULL
);
CREATE INDEX ix_webhooks_owner ON webhooks (owner_id, created_at, id) WHERE deleted_at IS NULL;

-- One row per webhook and event (a ping is an event of its own), with the envelope it sends.
-- status: 0 pending, 1 succeeded, 2 failed (gave up). A pending row whose lease has run out was
-- claimed by a process that died, and is claimed again.
CREATE TABLE webhook_deliveries (
    id               uuid        NOT NULL PRIMARY KEY,
    webhook_id       uuid        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    envelope         text        NOT NULL,
    attempts         integer     NOT NULL,
    status           smallint    NOT NULL,
    response_status  integer     NULL,
    last_error       text        NULL,
    last_attempt_at  timestamptz NULL,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_webhook_event ON webhook_deliveries (webhook_id, event_id);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (webhook_id, lease_until) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_newest ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX ix_webhook_deliveries_failed ON webhook_deliveries (last_attempt_at, id) WHERE status = 2;
