-- PostgreSQL's 0018 creates taskforge_require. SQLite's is a function of the writer connection,
-- registered when it opens (WriteRequirements.Register); the file keeps both folders' numbers in step.
SELECT 1;
