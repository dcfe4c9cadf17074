-- A table shaped like Taskforge's tasks (the contract's Task, with the owner, soft delete and
-- version columns the app keeps on every table), for pgbench's floor measurements. It lives in
-- its own database of the throwaway cluster, never in Taskforge's.
-- Ids are md5(n)::uuid so that a pgbench script can draw a random existing id from an integer.
DROP TABLE IF EXISTS bench_task_tags;
DROP TABLE IF EXISTS bench_tasks;
-- Mirrors migration 0002_tasks.sql of the tasks work (tags live in their own table there).
CREATE TABLE bench_tasks (
    id            uuid        NOT NULL PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    project_id    uuid        NOT NULL,
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
CREATE INDEX ix_bench_tasks_owner_created  ON bench_tasks (owner_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_bench_tasks_owner_due      ON bench_tasks (owner_id, due_at, id)     WHERE deleted_at IS NULL;
CREATE INDEX ix_bench_tasks_owner_priority ON bench_tasks (owner_id, priority, id)   WHERE deleted_at IS NULL;
CREATE INDEX ix_bench_tasks_owner_title    ON bench_tasks (owner_id, title, id)      WHERE deleted_at IS NULL;
CREATE INDEX ix_bench_tasks_project        ON bench_tasks (project_id, created_at, id) WHERE deleted_at IS NULL;
CREATE TABLE bench_task_tags (
    task_id   uuid NOT NULL REFERENCES bench_tasks (id),
    owner_id  uuid NOT NULL,
    tag       text NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX ix_bench_task_tags_owner_tag ON bench_task_tags (owner_id, tag, task_id);

-- The measured user's 10,000 tasks (n = 1..10000), then 500 of 100 other owners.
INSERT INTO bench_tasks
SELECT md5(n::text)::uuid,
       CASE WHEN n <= 10000 THEN '00000000-0000-7000-8000-000000000001'::uuid
            ELSE md5('owner' || (n % 100))::uuid END,
       '00000000-0000-7000-8000-0000000000aa'::uuid,
       'Seeded task #' || n,
       CASE WHEN n % 5 < 3 THEN repeat('words ', n % 60) END,
       n % 3 = 0,
       CASE WHEN n % 3 = 0 THEN now() END,
       CASE WHEN n % 10 < 7 THEN now() + (n % 180 - 60) * interval '1 day' END,
       n % 4,
       now() - n * interval '1 second',
       now() - n * interval '1 second',
       NULL,
       1
FROM generate_series(1, 10500) AS n;
INSERT INTO bench_task_tags
SELECT id, owner_id, tag FROM bench_tasks,
       unnest(CASE (hashtext(title) & 3) WHEN 0 THEN ARRAY['work'] WHEN 1 THEN ARRAY['home', 'errand']
                   WHEN 2 THEN ARRAY['urgent', 'work'] ELSE ARRAY[]::text[] END) AS tag;
ANALYZE bench_tasks;
ANALYZE bench_task_tags;
