-- The transactional outbox: a write inserts its events in its own transaction; a dispatcher
-- later fans each event out into one delivery row per consumer that wants it.
CREATE TABLE outbox_events (
    id           TEXT    NOT NULL PRIMARY KEY,
    type         TEXT    NOT NULL,
    user_id      TEXT    NULL,
    occurred_at  TEXT    NOT NULL,
    envelope     TEXT    NOT NULL,
    fanned_out   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_outbox_events_waiting ON outbox_events (occurred_at, id) WHERE fanned_out = 0;
CREATE INDEX ix_outbox_events_occurred ON outbox_events (occurred_at);

-- status: 0 pending, 1 delivered, 2 dead (gave up). A pending row whose lease has run out was
-- claimed by a process that died, and is claimed again.
CREATE TABLE event_deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    event_id         TEXT    NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
    consumer         TEXT    NOT NULL,
    status           INTEGER NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT    NOT NULL,
    lease_until      TEXT    NULL,
    last_error       TEXT    NULL,
    finished_at      TEXT    NULL
);
CREATE UNIQUE INDEX ux_event_deliveries_event_consumer ON event_deliveries (event_id, consumer);
CREATE INDEX ix_event_deliveries_due ON event_deliveries (next_attempt_at) WHERE status = 0;
CREATE INDEX ix_event_deliveries_dead ON event_deliveries (finished_at, id) WHERE status = 2;

-- task.due fires once per due time: due_fired_at is set when it fires and cleared by any write
-- that changes due_at, which arms it again.
ALTER TABLE tasks ADD COLUMN due_fired_at TEXT NULL;
CREATE INDEX ix_tasks_due_armed ON tasks (due_at) WHERE due_fired_at IS NULL AND completed = 0 AND deleted_at IS NULL AND due_at IS NOT NULL;

-- One row per scheduled job, shared by every instance: whoever claims the lease of a due run
-- does it, and moves next_run_at on; a run missed while all were down is due once at start.
CREATE TABLE job_schedules (
    name              TEXT NOT NULL PRIMARY KEY,
    cron              TEXT NOT NULL,
    next_run_at       TEXT NOT NULL,
    requested_at      TEXT NULL,
    lease_until       TEXT NULL,
    last_run_at       TEXT NULL,
    last_status       TEXT NULL,
    last_error        TEXT NULL
);

-- What each user wants to be told, and how; no row means every channel is on.
CREATE TABLE notification_settings (
    user_id               TEXT NOT NULL PRIMARY KEY REFERENCES users (id),
    email_reminders       INTEGER NOT NULL,
    email_weekly_summary  INTEGER NOT NULL,
    push_reminders        INTEGER NOT NULL,
    updated_at            TEXT NOT NULL
);
