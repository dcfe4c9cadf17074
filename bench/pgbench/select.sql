-- pgbench: the primary-key read behind GET /api/v1/tasks/{id}, one random seeded task.
\set n random(1, 10000)
SELECT id, project_id, title, description, completed, completed_at, due_at, priority,
       created_at, updated_at, version
FROM bench_tasks
WHERE id = md5(:n::text)::uuid AND owner_id = '00000000-0000-7000-8000-000000000001' AND deleted_at IS NULL;
