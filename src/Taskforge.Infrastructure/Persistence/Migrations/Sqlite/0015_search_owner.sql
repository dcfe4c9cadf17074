-- PostgreSQL's 0015 puts the owner into its search rows. Nothing changes here: FTS5 finds the
-- matches and bm25 ranks them faster than the join to tasks costs (decision 11), so the SQLite
-- search keeps reading the owner from tasks. The file keeps both folders' numbers in step.
SELECT 1;
