-- Full-text search: one weighted tsvector per task (A title, B tags and project name,
-- C description; english configuration) under a GIN index, kept in step with tasks, task_tags
-- and projects by triggers, so a write is searchable in its own transaction.
CREATE TABLE task_search (
    task_id   uuid     NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    document  tsvector NOT NULL
);
CREATE INDEX ix_task_search_document ON task_search USING gin (document);

CREATE FUNCTION task_search_refresh(refreshed uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO task_search (task_id, document)
    SELECT t.id,
           setweight(to_tsvector('english', t.title), 'A')
           || setweight(to_tsvector('english', COALESCE(
                  (SELECT string_agg(g.tag, ' ') FROM task_tags g WHERE g.task_id = t.id), '')), 'B')
           || setweight(to_tsvector('english', COALESCE(p.name, '')), 'B')
           || setweight(to_tsvector('english', COALESCE(t.description, '')), 'C')
    FROM tasks t
    LEFT JOIN projects p ON p.id = t.project_id
    WHERE t.id = refreshed
    ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document;
$$;

CREATE FUNCTION task_search_on_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_search_refresh(NEW.id);
    RETURN NULL;
END
$$;

CREATE FUNCTION task_search_on_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM task_search_refresh(OLD.task_id);
    ELSE
        PERFORM task_search_refresh(NEW.task_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_search_on_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_search_refresh(t.id) FROM tasks t WHERE t.project_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_search_task_insert AFTER INSERT ON tasks
FOR EACH ROW EXECUTE FUNCTION task_search_on_task();

CREATE TRIGGER task_search_task_update AFTER UPDATE OF title, description, project_id ON tasks
FOR EACH ROW
WHEN (NEW.title IS DISTINCT FROM OLD.title OR NEW.description IS DISTINCT FROM OLD.description
      OR NEW.project_id IS DISTINCT FROM OLD.project_id)
EXECUTE FUNCTION task_search_on_task();

CREATE TRIGGER task_search_tag AFTER INSERT OR DELETE ON task_tags
FOR EACH ROW EXECUTE FUNCTION task_search_on_tag();

CREATE TRIGGER task_search_project_rename AFTER UPDATE OF name ON projects
FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name)
EXECUTE FUNCTION task_search_on_project();

-- The tasks that exist already.
SELECT task_search_refresh(id) FROM tasks;
