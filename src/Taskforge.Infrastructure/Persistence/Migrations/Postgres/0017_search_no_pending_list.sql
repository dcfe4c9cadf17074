-- The search index takes each document's words at once, instead of through GIN's pending list.
-- With the list (fastupdate, PostgreSQL's default) an insert only appends, until the list passes
-- gin_pending_list_limit (4 MB); then the insert that crossed it merges the whole list into the
-- index itself. Under the bench's creates that was one task_search insert every few seconds
-- taking 220 to 340 ms, inside a write transaction, against 11 to 33 ms at most without the list;
-- the average insert costs about 25 µs more (bench/ab.sh, README's Writes section). Searches
-- also stop reading the unsorted list on every query. The list an existing index holds is
-- merged now, not left for the next vacuum.
ALTER INDEX ix_task_search_owner_document SET (fastupdate = off);
SELECT gin_clean_pending_list('ix_task_search_owner_document'::regclass);
