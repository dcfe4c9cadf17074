CREATE TABLE users (
    id                  TEXT    NOT NULL PRIMARY KEY,
    email               TEXT    NOT NULL,
    email_normalized    TEXT    NOT NULL,
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL,
    role                INTEGER NOT NULL,
    password_hash       TEXT    NOT NULL,
    security_stamp      TEXT    NOT NULL,
    failed_login_count  INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT    NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    deleted_at          TEXT    NULL,
    version             INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized) WHERE deleted_at IS NULL;

CREATE TABLE projects (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    description  TEXT    NULL,
    is_default   INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    deleted_at   TEXT    NULL,
    version      INTEGER NOT NULL
);
CREATE INDEX ix_projects_owner ON projects (owner_id, id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ux_projects_one_default ON projects (owner_id) WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE refresh_tokens (
    id          TEXT NOT NULL PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    family_id   TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    spent_at    TEXT NULL,
    revoked_at  TEXT NULL
);
CREATE UNIQUE INDEX ux_refresh_tokens_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
