-- Every recorded change of a task, with its field-level diff as a JSON object. seq orders the
-- entries of a task as they were written (ids are only millisecond-ordered); the history of a
-- task is read newest first through ix_task_history_task. Rows stay after the task's soft
-- delete and go with it when it is purged. changes is json, not jsonb, to keep the diff's field order.
CREATE TABLE task_history (
    seq          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    task_id      uuid        NOT NULL,
    owner_id     uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    actor_id     uuid        NOT NULL,
    type         text        NOT NULL,
    changes      json        NOT NULL
);
CREATE INDEX ix_task_history_task ON task_history (task_id, seq);
