-- 012_users.sql — who may sign in to `attain serve` and how (issue 10 §3):
-- users with their role and the person they are, sessions, API tokens, and
-- failed sign-ins (throttling). Times are unix seconds (UTC) from the front
-- end's clock. Secrets are never stored: a password as its argon2id string
-- (crypto_pwhash_str), a session or API token as the hex of its BLAKE2b-256
-- hash (crypto_generichash), looked up by that hash.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    person_id     INTEGER REFERENCES people(id),
    password_hash TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'zh', 'en')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    last_sign_in  INTEGER
);

-- a signed-in browser: expires AUTH_IDLE_SECONDS after last_used and
-- AUTH_MAX_SECONDS after created_at (app/auth.h); csrf is the token its
-- state-changing requests carry (not a secret of the session's own)
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    addr       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_used  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- a token for another system: acts with its role, limited to unit_id's
-- subtree when set; a revoked token keeps its row (revoked_at)
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    unit_id    INTEGER REFERENCES units(id),
    created_at INTEGER NOT NULL,
    last_used  INTEGER,
    revoked_at INTEGER
);

-- one row per failed sign-in (wrong login or password), for throttling per
-- login and per client address
CREATE TABLE sign_in_failures (
    id    INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    addr  TEXT NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_login ON sign_in_failures (login, at);
CREATE INDEX sign_in_failures_addr ON sign_in_failures (addr, at);
