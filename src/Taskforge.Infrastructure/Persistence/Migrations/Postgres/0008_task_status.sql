-- v2's task workflow: todo, inProgress or done. completed stays, kept in step by every write
-- (completed = status is done), so v1 reads, its filter and the due-reminder query are unchanged.
ALTER TABLE tasks ADD COLUMN status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'inProgress', 'done'));
UPDATE tasks SET status = 'done' WHERE completed;
