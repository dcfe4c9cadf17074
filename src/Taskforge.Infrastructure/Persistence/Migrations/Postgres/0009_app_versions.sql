-- The update policy of each client platform (ios, android, desktop, ...). Versions are kept as
-- their SemVer text: precedence is not an ordering SQL can do, the application compares them.
CREATE TABLE app_versions (
    platform           text        NOT NULL PRIMARY KEY,
    latest             text        NOT NULL,
    minimum_supported  text        NOT NULL,
    message            text        NULL,
    store_url          text        NULL,
    updated_at         timestamptz NOT NULL
);
