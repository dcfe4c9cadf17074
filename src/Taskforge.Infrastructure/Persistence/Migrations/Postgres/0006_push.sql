-- Web Push: a browser's subscription (endpoint and keys), one per endpoint and user, and how
-- each subscription took each event, so a retried event goes only to those still pending.
CREATE TABLE push_subscriptions (
    id          uuid        NOT NULL PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    endpoint    text        NOT NULL,
    p256dh      text        NOT NULL,
    auth        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (user_id, endpoint)
);
CREATE TABLE push_deliveries (
    event_id         uuid        NOT NULL,
    subscription_id  uuid        NOT NULL,
    status           text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    PRIMARY KEY (event_id, subscription_id)
);
