-- Every recorded change of a task, with its field-level diff as a JSON object. seq orders the
-- entries of a task as they were written (ids are only millisecond-ordered); the history of a
-- task is read newest first through ix_task_history_task. Rows stay after the task's soft
-- delete and go with it when it is purged.
CREATE TABLE task_history (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    task_id      TEXT    NOT NULL,
    owner_id     TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    actor_id     TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    changes      TEXT    NOT NULL
);
CREATE INDEX ix_task_history_task ON task_history (task_id, seq);
