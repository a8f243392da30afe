package org.balintobservatory.survey.instrument;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The instrument index in the service's PostgreSQL database, written in the transaction that appends the
 * instrument's event, so the two cannot disagree.
 */
@Component
class JdbcInstrumentIndex implements InstrumentIndex {

    private final JdbcTemplate jdbc;

    JdbcInstrumentIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(String instrumentId) {
        jdbc.update("INSERT INTO survey_instrument (instrument_id) VALUES (?) ON CONFLICT DO NOTHING", instrumentId);
    }

    @Override
    public List<String> all() {
        return jdbc.queryForList("SELECT instrument_id FROM survey_instrument ORDER BY instrument_id", String.class);
    }
}
