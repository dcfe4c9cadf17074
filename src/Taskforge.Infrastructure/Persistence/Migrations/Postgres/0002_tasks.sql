-- The project list pages in creation order; ids (UUIDv7) are only millisecond-ordered.
CREATE INDEX ix_projects_owner_created ON projects (owner_id, created_at, id) WHERE deleted_at IS NULL;

-- Tasks and their tags. Every list query starts with owner_id = @caller and deleted_at IS NULL,
-- so each sort order has a partial index (owner_id, <sort column>, id) over live rows: a page
-- is one index range scan, forwards or backwards. Titles use the "C" collation (bytewise, as
-- SQLite's BINARY), so they sort the same on both databases whatever the server's locale.
CREATE TABLE tasks (
    id            uuid        NOT NULL PRIMARY KEY,
    owner_id      uuid        NOT NULL REFERENCES users (id),
    project_id    uuid        NOT NULL REFERENCES projects (id),
    title         text        COLLATE "C" NOT NULL,
    description   text        NULL,
    completed     boolean     NOT NULL,
    completed_at  timestamptz NULL,
    due_at        timestamptz NULL,
    priority      smallint    NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    deleted_at    timestamptz NULL,
    version       bigint      NOT NULL
);
CREATE INDEX ix_tasks_owner_created  ON tasks (owner_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_due      ON tasks (owner_id, due_at, id)     WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_priority ON tasks (owner_id, priority, id)   WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_owner_title    ON tasks (owner_id, title, id)      WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_project        ON tasks (project_id, created_at, id) WHERE deleted_at IS NULL;

-- One row per tag of a task; the owner is repeated so that "my tasks tagged X" is one index lookup.
CREATE TABLE task_tags (
    task_id   uuid NOT NULL REFERENCES tasks (id),
    owner_id  uuid NOT NULL REFERENCES users (id),
    tag       text NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX ix_task_tags_owner_tag ON task_tags (owner_id, tag, task_id);
