-- pgbench: a create's own transaction, as Taskforge sends it on PostgreSQL (POST /api/v1/tasks with
-- two tags), without Taskforge: what the database alone can do for this write on this machine.
-- Variables (-D): owner, project (the seeded user and their Inbox). Ids are time-ordered like
-- Guid.CreateVersion7.
\set n random(1, 1000000)
\set priority random(0, 3)
SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid AS task_id,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid AS history_id,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid AS event_id,
       now() AS at \gset
-- Then the transaction as Taskforge sends it, in one round trip (prepared statements, pipelined);
-- the ids above cost pgbench a round trip that Taskforge, which makes its ids itself, does not.
\startpipeline
BEGIN;
SELECT 1 FROM projects WHERE id = :project AND owner_id = :owner AND deleted_at IS NULL FOR SHARE;
INSERT INTO tasks (id, owner_id, project_id, title, description, completed, status, completed_at, due_at, priority,
                   created_at, updated_at, deleted_at, version)
VALUES (:task_id, :owner, :project, 'Bench created task ' || :n, NULL, false, 'todo', NULL, '2027-01-05 09:00:00+00',
        :priority, :at, :at, NULL, 1);
INSERT INTO task_tags (task_id, owner_id, tag) VALUES (:task_id, :owner, 'urgent'), (:task_id, :owner, 'work');
INSERT INTO task_search (task_id, owner_id, document)
VALUES (:task_id, :owner,
        setweight(to_tsvector('english', CAST('Bench created task ' || :n AS text)), 'A')
        || setweight(to_tsvector('english', CAST('urgent work' AS text)), 'B')
        || setweight(to_tsvector('english', COALESCE((SELECT name FROM projects WHERE id = :project), '')), 'B')
        || setweight(to_tsvector('english', COALESCE(CAST(NULL AS text), '')), 'C'))
ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document;
-- (pgbench reads ":name" as a variable: the JSON below has a space after each colon.)
INSERT INTO task_history (id, task_id, owner_id, occurred_at, actor_id, type, changes)
VALUES (:history_id, :task_id, :owner, :at, :owner, 'created',
        '{"projectId": {"from": null, "to": "00000000-0000-7000-8000-0000000000aa"}, "title": {"from": null, "to": "Bench created task"}, "completed": {"from": null, "to": false}, "status": {"from": null, "to": "todo"}, "dueAt": {"from": null, "to": "2027-01-05T09:00:00Z"}, "priority": {"from": null, "to": "high"}, "tags": {"from": null, "to": ["urgent", "work"]}}'::json);
INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope)
VALUES (:event_id, 'task.created', :owner, :at,
        '{"id": "00000000-0000-7000-8000-000000000001", "type": "task.created", "occurredAt": "2026-12-02T09:59:50.453717Z", "userId": "00000000-0000-7000-8000-000000000001", "data": {"id": "00000000-0000-7000-8000-000000000002", "projectId": "00000000-0000-7000-8000-0000000000aa", "title": "Bench created task 1", "description": null, "completed": false, "completedAt": null, "dueAt": "2027-01-05T09:00:00Z", "priority": "high", "tags": ["urgent", "work"], "status": "todo", "createdAt": "2026-12-02T09:59:50.453717Z", "updatedAt": "2026-12-02T09:59:50.453717Z", "version": 1}}');
COMMIT;
\endpipeline
