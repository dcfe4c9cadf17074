-- pgbench: the single-row update behind PATCH /api/v1/tasks/{id}, one random seeded task,
-- checked by owner and live, its version bumped (the app also compares the version it read).
\set n random(1, 10000)
UPDATE bench_tasks
SET completed = NOT completed, completed_at = CASE WHEN completed THEN NULL ELSE now() END,
    updated_at = now(), version = version + 1
WHERE id = md5(:n::text)::uuid AND owner_id = '00000000-0000-7000-8000-000000000001' AND deleted_at IS NULL;
