-- pgbench: the single-row insert behind POST /api/v1/tasks.
\set n random(1, 1000000)
INSERT INTO bench_tasks (id, owner_id, project_id, title, description, completed, completed_at,
                         due_at, priority, created_at, updated_at, deleted_at, version)
VALUES (gen_random_uuid(), '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-0000000000aa',
        'Bench created task ' || :n, NULL, false, NULL, now() + interval '30 days', :n % 4,
        now(), now(), NULL, 1);
