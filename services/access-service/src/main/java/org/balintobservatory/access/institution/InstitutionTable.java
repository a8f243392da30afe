package org.balintobservatory.access.institution;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.balintobservatory.contract.access.InstitutionDetailsChangedEvent;
import org.balintobservatory.contract.access.InstitutionRegisteredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The institution listing. Its handlers run in the subscribing processor {@code access-tables}, inside
 * the transaction that stores the event, so the table and the event store cannot disagree.
 */
@Component
@ProcessingGroup("access-tables")
public class InstitutionTable {

    private static final RowMapper<InstitutionView> ROW = (rs, i) -> new InstitutionView(
            rs.getString("institution_id"), rs.getString("name"), rs.getString("country"),
            rs.getTimestamp("registered_at").toInstant(), rs.getTimestamp("changed_at").toInstant());

    private final JdbcTemplate jdbc;

    public InstitutionTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InstitutionRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("INSERT INTO institution (institution_id, name, country, registered_at, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (institution_id) DO NOTHING",
                event.institutionId(), event.name(), event.country(), Timestamp.from(at), Timestamp.from(at));
    }

    @EventHandler
    void on(InstitutionDetailsChangedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE institution SET name = ?, country = ?, changed_at = ? WHERE institution_id = ?",
                event.name(), event.country(), Timestamp.from(at), event.institutionId());
    }

    public Optional<InstitutionView> find(String institutionId) {
        return jdbc.query("SELECT * FROM institution WHERE institution_id = ?", ROW, institutionId).stream().findFirst();
    }

    public List<InstitutionView> all() {
        return jdbc.query("SELECT * FROM institution ORDER BY institution_id", ROW);
    }
}
