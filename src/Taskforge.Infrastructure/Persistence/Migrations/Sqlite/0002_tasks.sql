-- The project list pages in creation order; ids (UUIDv7) are only millisecond-ordered.
CREATE INDEX ix_projects_owner_created ON projects (owner_id, created_at, id) WHERE deleted_at IS NULL;

-- Tasks and their tags. Every list query starts with owner_id = @caller and deleted_at IS NULL,
-- so each sort order has a partial index (owner_id, <sort column>, id) over live rows: a page
-- is one index range scan, forwards or backwards. TEXT compares bytewise (BINARY), like
-- PostgreSQL's "C" collation used for title there, so titles sort the same on both databases.
CREATE TABLE tasks (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner_id      TEXT    NOT NULL REFERENCES users (id),
    project_id    TEXT    NOT NULL REFERENCES projects (id),
    title         TEXT    NOT NULL,
    description   TEXT    NULL,
    completed     INTEGER NOT NULL,
    completed_at  TEXT    NULL,
    due_at        TEXT    NULL,
    priority      INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    deleted_at    TEXT    NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX ix_tasks_owner_created  ON tasks (owner_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_due      ON tasks (owner_id, due_at, id)     WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_priority ON tasks (owner_id, priority, id)   WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_title    ON tasks (owner_id, title, id)      WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_project        ON tasks (project_id, created_at, id) WHERE deleted_at IS NULL;

-- One row per tag of a task; the owner is repeated so that "my tasks tagged X" is one index lookup.
CREATE TABLE task_tags (
    task_id   TEXT NOT NULL REFERENCES tasks (id),
    owner_id  TEXT NOT NULL REFERENCES users (id),
    tag       TEXT NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX ix_task_tags_owner_tag ON task_tags (owner_id, tag, task_id);
