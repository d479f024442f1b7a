-- A rule's document (about 7.5 KB of JSON) and its outbox event (the same document again) were
-- compressed with pglz on every write: with PostgreSQL's own JSON parse, most of an import's time.
-- They are stored out of line uncompressed instead (disk is cheaper than those seconds). Values
-- written before stay compressed until rewritten; both forms read alike.
ALTER TABLE rule ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
