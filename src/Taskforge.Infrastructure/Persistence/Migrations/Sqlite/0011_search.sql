-- Full-text search: an FTS5 table (porter stemming over unicode61 words) with one row per task,
-- kept in step with tasks, task_tags and projects by triggers, so a write is searchable in its
-- own transaction. FTS rowids come from task_search_rows, whose INTEGER PRIMARY KEY survives
-- VACUUM (a plain table's implicit rowid may not). Columns: 0 title, 1 tags, 2 project,
-- 3 description; bm25 weights them in SqliteSearchIndex.
CREATE TABLE task_search_rows (
    rowid    INTEGER NOT NULL PRIMARY KEY,
    task_id  TEXT    NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE task_search USING fts5 (
    title, tags, project, description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER task_search_task_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_search_rows (task_id) VALUES (NEW.id);
    INSERT INTO task_search (rowid, title, tags, project, description)
    VALUES ((SELECT rowid FROM task_search_rows WHERE task_id = NEW.id), NEW.title, '',
            COALESCE((SELECT name FROM projects WHERE id = NEW.project_id), ''), COALESCE(NEW.description, ''));
END;

CREATE TRIGGER task_search_task_update AFTER UPDATE OF title, description, project_id ON tasks
WHEN NEW.title IS NOT OLD.title OR NEW.description IS NOT OLD.description OR NEW.project_id IS NOT OLD.project_id
BEGIN
    UPDATE task_search
    SET title = NEW.title, description = COALESCE(NEW.description, ''),
        project = COALESCE((SELECT name FROM projects WHERE id = NEW.project_id), '')
    WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = NEW.id);
END;

CREATE TRIGGER task_search_task_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = OLD.id);
    DELETE FROM task_search_rows WHERE task_id = OLD.id;
END;

CREATE TRIGGER task_search_tag_insert AFTER INSERT ON task_tags BEGIN
    UPDATE task_search
    SET tags = COALESCE((SELECT group_concat(tag, ' ') FROM task_tags WHERE task_id = NEW.task_id), '')
    WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = NEW.task_id);
END;

CREATE TRIGGER task_search_tag_delete AFTER DELETE ON task_tags BEGIN
    UPDATE task_search
    SET tags = COALESCE((SELECT group_concat(tag, ' ') FROM task_tags WHERE task_id = OLD.task_id), '')
    WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = OLD.task_id);
END;

CREATE TRIGGER task_search_project_rename AFTER UPDATE OF name ON projects
WHEN NEW.name IS NOT OLD.name
BEGIN
    UPDATE task_search SET project = NEW.name
    WHERE rowid IN (SELECT r.rowid FROM task_search_rows r JOIN tasks t ON t.id = r.task_id WHERE t.project_id = NEW.id);
END;

-- The tasks that exist already.
INSERT INTO task_search_rows (task_id) SELECT id FROM tasks ORDER BY id;
INSERT INTO task_search (rowid, title, tags, project, description)
SELECT r.rowid, t.title,
       COALESCE((SELECT group_concat(g.tag, ' ') FROM task_tags g WHERE g.task_id = t.id), ''),
       COALESCE(p.name, ''), COALESCE(t.description, '')
FROM task_search_rows r
JOIN tasks t ON t.id = r.task_id
LEFT JOIN projects p ON p.id = t.project_id;
