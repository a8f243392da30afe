-- The access service's listing tables beside Axon's event store, written in the transaction that
-- appends the events they list. Secrets are never stored anywhere; hashes only travel in the events.

-- Instances starting together would race on CREATE ... IF NOT EXISTS, which PostgreSQL does not make safe
-- against itself: every instance of every service creates tables under one advisory lock (the key is
-- EventStoreSchemaAutoConfiguration.SCHEMA_LOCK), held by this script's connection until its last line.
SELECT pg_advisory_lock(7362011950);

CREATE TABLE IF NOT EXISTS institution (
    institution_id VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    country        CHAR(2)      NOT NULL,
    registered_at  TIMESTAMPTZ  NOT NULL,
    changed_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE IF NOT EXISTS api_key (
    key_id         VARCHAR(64)  PRIMARY KEY,
    role           VARCHAR(16)  NOT NULL,
    institution_id VARCHAR(64),
    label          VARCHAR(200),
    issued_at      TIMESTAMPTZ  NOT NULL,
    issued_by      VARCHAR(64)  NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_by     VARCHAR(64),
    revoke_reason  VARCHAR(200)
);

CREATE INDEX IF NOT EXISTS api_key_by_institution ON api_key (institution_id);

SELECT pg_advisory_unlock(7362011950);
