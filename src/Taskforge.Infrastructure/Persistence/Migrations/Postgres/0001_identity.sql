CREATE TABLE users (
    id                  uuid        NOT NULL PRIMARY KEY,
    email               text        NOT NULL,
    email_normalized    text        NOT NULL,
    first_name          text        NOT NULL,
    last_name           text        NOT NULL,
    role                integer     NOT NULL,
    password_hash       text        NOT NULL,
    security_stamp      uuid        NOT NULL,
    failed_login_count  integer     NOT NULL DEFAULT 0,
    locked_until        timestamptz NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz NULL,
    version             bigint      NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized) WHERE deleted_at IS NULL;

CREATE TABLE projects (
    id           uuid        NOT NULL PRIMARY KEY,
    owner_id     uuid        NOT NULL REFERENCES users (id),
    name         text        NOT NULL,
    description  text        NULL,
    is_default   boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz NULL,
    version      bigint      NOT NULL
);
CREATE INDEX ix_projects_owner ON projects (owner_id, id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ux_projects_one_default ON projects (owner_id) WHERE is_default AND deleted_at IS NULL;

CREATE TABLE refresh_tokens (
    id          uuid        NOT NULL PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    family_id   uuid        NOT NULL,
    token_hash  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz NULL,
    revoked_at  timestamptz NULL
);
CREATE UNIQUE INDEX ux_refresh_tokens_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
