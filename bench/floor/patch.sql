-- pgbench: a patch's own statements, as Taskforge sends them on PostgreSQL (PATCH /api/v1/tasks/{id}:
-- alternately {"completed":true} and {"completed":false,"title":...}), without Taskforge. The row is
-- read first (the merge patch and the history need it), then held, updated under its version,
-- and its history, event and (when the title changes) search row written, in one transaction.
-- Variables (-D): owner, ids (rows in bench_floor_ids, numbered from 1: the seeded user's tasks).
\set k random(1, :ids)
\set retitle random(0, 1)
SELECT t.id AS task_id, t.project_id AS project, t.version AS version,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid AS history_id,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid AS event_id,
       now() AS at
FROM bench_floor_ids f JOIN tasks t ON t.id = f.id
WHERE f.n = :k AND t.owner_id = :owner \gset
-- Then the rest in one round trip (prepared statements, pipelined). Taskforge sends the read and
-- the tags with BEGIN, then the rest with COMMIT: two round trips, as here.
\startpipeline
BEGIN;
SELECT tag FROM task_tags WHERE task_id = :task_id;
SELECT 1 FROM projects WHERE id = :project AND owner_id = :owner AND deleted_at IS NULL FOR SHARE;
UPDATE tasks
SET title = CASE WHEN :retitle = 1 THEN 'Bench patched title ' || :k ELSE title END,
    completed = :retitle = 0, status = CASE WHEN :retitle = 0 THEN 'done' ELSE 'todo' END,
    completed_at = CASE WHEN :retitle = 0 THEN CAST(:at AS timestamptz) END, updated_at = :at, version = :version + 1
WHERE id = :task_id AND owner_id = :owner AND version = :version;
INSERT INTO task_history (id, task_id, owner_id, occurred_at, actor_id, type, changes)
VALUES (:history_id, :task_id, :owner, :at, :owner, 'updated',
        '{"completed": {"from": false, "to": true}, "status": {"from": "todo", "to": "done"}}'::json);
INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope)
VALUES (:event_id, 'task.updated', :owner, :at,
        '{"id": "00000000-0000-7000-8000-000000000001", "type": "task.updated", "occurredAt": "2026-12-02T09:59:50.453717Z", "userId": "00000000-0000-7000-8000-000000000001", "data": {"id": "00000000-0000-7000-8000-000000000002", "projectId": "00000000-0000-7000-8000-0000000000aa", "title": "Bench patched title 1", "description": null, "completed": true, "completedAt": "2026-12-02T09:59:50.453717Z", "dueAt": "2027-01-05T09:00:00Z", "priority": "high", "tags": ["urgent", "work"], "status": "done", "createdAt": "2026-12-02T09:59:50.453717Z", "updatedAt": "2026-12-02T09:59:50.453717Z", "version": 2}}');
\if :retitle = 1
INSERT INTO task_search (task_id, owner_id, document)
SELECT id, owner_id,
       setweight(to_tsvector('english', title), 'A')
       || setweight(to_tsvector('english', 'urgent work'), 'B')
       || setweight(to_tsvector('english', COALESCE((SELECT name FROM projects WHERE id = :project), '')), 'B')
       || setweight(to_tsvector('english', COALESCE(description, '')), 'C')
FROM tasks WHERE id = :task_id
ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document;
\endif
COMMIT;
\endpipeline
