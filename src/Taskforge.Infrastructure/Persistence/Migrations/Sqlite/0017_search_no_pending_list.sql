-- PostgreSQL's 0017 turns off its search index's pending list. FTS5 has no such list, so nothing
-- changes here; the file keeps both folders' numbers in step.
SELECT 1;
