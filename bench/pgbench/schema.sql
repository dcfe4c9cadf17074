-- A table shaped like Taskforge's tasks (the contract's Task, with the owner, soft delete and
-- version columns the app keeps on every table), for pgbench's floor measurements. It lives in
-- its own database of the throwaway cluster, never in Taskforge's.
-- Ids are md5(n)::uuid so that a pgbench script can draw a random existing id from an integer.
DROP TABLE IF EXISTS bench_tasks;
CREATE TABLE bench_tasks (
    id            uuid        NOT NULL PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    project_id    uuid        NOT NULL,
    title         text        NOT NULL,
    description   text        NULL,
    completed     boolean     NOT NULL,
    completed_at  timestamptz NULL,
    due_at        timestamptz NULL,
    priority      integer     NOT NULL,
    tags          text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    deleted_at    timestamptz NULL,
    version       bigint      NOT NULL
);
CREATE INDEX ix_bench_tasks_owner_created ON bench_tasks (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX ix_bench_tasks_tags ON bench_tasks USING gin (tags);

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
       CASE n % 5 WHEN 0 THEN ARRAY['work'] WHEN 1 THEN ARRAY['home', 'errand'] WHEN 2 THEN ARRAY[]::text[]
                  WHEN 3 THEN ARRAY['urgent', 'work'] ELSE ARRAY['reading'] END,
       now() - n * interval '1 second',
       now() - n * interval '1 second',
       NULL,
       1
FROM generate_series(1, 10500) AS n;
ANALYZE bench_tasks;
