-- The survey service's own tables beside Axon's event store. Both are written in the same transaction
-- as the events they index.

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
