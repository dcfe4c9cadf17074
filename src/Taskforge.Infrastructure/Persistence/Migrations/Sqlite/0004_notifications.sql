-- The notification feed: what a user should see even if they were away. One row per event at
-- most (event_id is unique), so a redelivered event stores nothing new. Ids are UUIDv7 made
-- from created_at, so the feed pages newest first by id alone.
CREATE TABLE notifications (
    id          TEXT NOT NULL PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    event_id    TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    task_id     TEXT NULL,
    created_at  TEXT NOT NULL,
    read_at     TEXT NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
