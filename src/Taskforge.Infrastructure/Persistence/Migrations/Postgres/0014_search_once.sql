-- A task write updates its search document once. Before, a row trigger recomputed the tsvector
-- for the task insert and again for every tag row inserted or deleted: three GIN updates for a
-- create with two tags. Now TaskRepository writes the document itself (TaskSearchDocument),
-- after the tag rows, in the same transaction (queued with them: no extra round trip), and only
-- when the title, description, project or tags changed. task_search_refresh stays for the
-- project rename trigger; a purged task's document goes by the foreign key's cascade.
DROP TRIGGER task_search_task_insert ON tasks;
DROP TRIGGER task_search_task_update ON tasks;
DROP TRIGGER task_search_tag ON task_tags;
DROP FUNCTION task_search_on_task();
DROP FUNCTION task_search_on_tag();
