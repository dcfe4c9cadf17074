-- The update policy of each client platform (ios, android, desktop, ...). Versions are kept as
-- their SemVer text: precedence is not an ordering SQL can do, the application compares them.
CREATE TABLE app_versions (
    platform           TEXT NOT NULL PRIMARY KEY,
    latest             TEXT NOT NULL,
    minimum_supported  TEXT NOT NULL,
    message            TEXT NULL,
    store_url          TEXT NULL,
    updated_at         TEXT NOT NULL
);
