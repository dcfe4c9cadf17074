-- A task write updates its search row once. Before, the tasks triggers wrote the FTS5 row and
-- then every tag row inserted or deleted rewrote it again (an FTS5 UPDATE deletes and re-adds
-- the whole row's tokens): three index writes for a create with two tags. Now TaskRepository
-- writes the row itself (TaskSearchDocument), after the tag rows, in the same transaction, and
-- only when the title, description, project or tags changed. The triggers that stay write once:
-- a purged task's row goes with it, and a project rename rewrites its tasks' project column.
DROP TRIGGER task_search_task_insert;
DROP TRIGGER task_search_task_update;
DROP TRIGGER task_search_tag_insert;
DROP TRIGGER task_search_tag_delete;
