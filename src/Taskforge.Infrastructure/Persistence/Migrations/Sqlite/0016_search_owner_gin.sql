-- PostgreSQL's 0016 merges its two search indexes into one. FTS5 has its own index and the
-- SQLite search reads the owner from tasks (0015), so nothing changes here; the file keeps both
-- folders' numbers in step.
SELECT 1;
