-- The notification feed: what a user should see even if they were away. One row per event at
-- most (event_id is unique), so a redelivered event stores nothing new. Ids are UUIDv7 made
-- from created_at, so the feed pages newest first by id alone.
CREATE TABLE notifications (
    id          uuid        NOT NULL PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    event_id    uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    task_id     uuid        NULL,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
