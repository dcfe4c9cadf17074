-- Web Push: a browser's subscription (endpoint and keys), one per endpoint and user, and how
-- each subscription took each event, so a retried event goes only to those still pending.
CREATE TABLE push_subscriptions (
    id          TEXT NOT NULL PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    endpoint    TEXT NOT NULL,
    p256dh      TEXT NOT NULL,
    auth        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (user_id, endpoint)
);
CREATE TABLE push_deliveries (
    event_id         TEXT NOT NULL,
    subscription_id  TEXT NOT NULL,
    status           TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (event_id, subscription_id)
);
