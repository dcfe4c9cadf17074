-- The transactional outbox: a write inserts its events in its own transaction; a dispatcher
-- later fans each event out into one delivery row per consumer that wants it.
CREATE TABLE outbox_events (
    id           uuid        NOT NULL PRIMARY KEY,
    type         text        NOT NULL,
    user_id      uuid        NULL,
    occurred_at  timestamptz NOT NULL,
    envelope     text        NOT NULL,
    fanned_out   boolean     NOT NULL DEFAULT false
);
CREATE INDEX ix_outbox_events_waiting ON outbox_events (occurred_at, id) WHERE NOT fanned_out;
CREATE INDEX ix_outbox_events_occurred ON outbox_events (occurred_at);

-- status: 0 pending, 1 delivered, 2 dead (gave up). A pending row whose lease has run out was
-- claimed by a process that died, and is claimed again.
CREATE TABLE event_deliveries (
    id               uuid        NOT NULL PRIMARY KEY,
    event_id         uuid        NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
    consumer         text        NOT NULL,
    status           smallint    NOT NULL,
    attempts         integer     NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz NULL,
    last_error       text        NULL,
    finished_at      timestamptz NULL
);
CREATE UNIQUE INDEX ux_event_deliveries_event_consumer ON event_deliveries (event_id, consumer);
CREATE INDEX ix_event_deliveries_due ON event_deliveries (next_attempt_at) WHERE status = 0;
CREATE INDEX ix_event_deliveries_dead ON event_deliveries (finished_at, id) WHERE status = 2;

-- task.due fires once per due time: due_fired_at is set when it fires and cleared by any write
-- that changes due_at, which arms it again.
ALTER TABLE tasks ADD COLUMN due_fired_at timestamptz NULL;
CREATE INDEX ix_tasks_due_armed ON tasks (due_at) WHERE due_fired_at IS NULL AND NOT completed AND deleted_at IS NULL AND due_at IS NOT NULL;

-- One row per scheduled job, shared by every instance: whoever claims the lease of a due run
-- does it, and moves next_run_at on; a run missed while all were down is due once at start.
CREATE TABLE job_schedules (
    name              text        NOT NULL PRIMARY KEY,
    cron              text        NOT NULL,
    next_run_at       timestamptz NOT NULL,
    requested_at      timestamptz NULL,
    lease_until       timestamptz NULL,
    last_run_at       timestamptz NULL,
    last_status       text        NULL,
    last_error        text        NULL
);

-- What each user wants to be told, and how; no row means every channel is on.
CREATE TABLE notification_settings (
    user_id               uuid NOT NULL PRIMARY KEY REFERENCES users (id),
    email_reminders       boolean NOT NULL,
    email_weekly_summary  boolean NOT NULL,
    push_reminders        boolean NOT NULL,
    updated_at            timestamptz NOT NULL
);
