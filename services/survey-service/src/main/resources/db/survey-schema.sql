-- The survey service's own tables beside Axon's event store. Both are written in the same transaction
-- as the events they index.

-- Instances starting together would race on CREATE ... IF NOT EXISTS, which PostgreSQL does not make safe
-- against itself: every instance of every service creates tables under one advisory lock (the key is
-- EventStoreSchemaAutoConfiguration.SCHEMA_LOCK), held by this script's connection until its last line.
SELECT pg_advisory_lock(7362011950);

-- One live response per participant, instrument and timepoint within an institution.
CREATE TABLE IF NOT EXISTS survey_response_slot (
    institution_id VARCHAR(64) NOT NULL,
    response_id    VARCHAR(64) NOT NULL,
    participant_id VARCHAR(64) NOT NULL,
    instrument_id  VARCHAR(64) NOT NULL,
    timepoint      VARCHAR(16) NOT NULL,
    live           BOOLEAN     NOT NULL DEFAULT TRUE,
    PRIMARY KEY (institution_id, response_id)
);

CREATE UNIQUE INDEX IF NOT EXISTS survey_response_one_live_per_slot
    ON survey_response_slot (institution_id, participant_id, instrument_id, timepoint) WHERE live;

CREATE INDEX IF NOT EXISTS survey_response_by_participant
    ON survey_response_slot (institution_id, participant_id);

-- Instruments with stored versions, so the catalogue lists them without scanning the event store.
CREATE TABLE IF NOT EXISTS survey_instrument (
    instrument_id VARCHAR(64) PRIMARY KEY
);

-- Participants (by pseudonym) whose consent is withdrawn: no new response is accepted for them until
-- consent is renewed. Written with the consent events, read FOR SHARE by every submission.
CREATE TABLE IF NOT EXISTS survey_participant_consent (
    institution_id VARCHAR(64) NOT NULL,
    participant_id VARCHAR(64) NOT NULL,
    withdrawn      BOOLEAN     NOT NULL,
    PRIMARY KEY (institution_id, participant_id)
);

-- The programmes and groups each institution registered with the group service, read from its topic:
-- a response may only name its own institution's programme and group.
CREATE TABLE IF NOT EXISTS survey_known_programme (
    institution_id VARCHAR(64) NOT NULL,
    programme_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (institution_id, programme_id)
);

CREATE TABLE IF NOT EXISTS survey_known_group (
    institution_id VARCHAR(64) NOT NULL,
    group_id       VARCHAR(64) NOT NULL,
    programme_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (institution_id, group_id)
);

-- Each institution's REDCap connection (docs/redcap.md): the field mapping as JSON, the API token
-- encrypted (AES-GCM under a key derived from the services' secret), up to when records were pulled, and
-- what the last Data Entry Trigger did (counts only, as JSON).
CREATE TABLE IF NOT EXISTS survey_redcap_connection (
    institution_id VARCHAR(64) PRIMARY KEY,
    mapping        TEXT        NOT NULL,
    token          TEXT        NOT NULL,
    pulled_until   VARCHAR(19),
    last_trigger   TEXT
);
-- Databases created before the trigger kept its last result.
ALTER TABLE survey_redcap_connection ADD COLUMN IF NOT EXISTS last_trigger TEXT;

SELECT pg_advisory_unlock(7362011950);
