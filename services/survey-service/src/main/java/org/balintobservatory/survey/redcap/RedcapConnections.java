package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.support.pseudonym.PseudonymProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/**
 * Each institution's REDCap connection, in {@code survey_redcap_connection}: the mapping, the token only
 * encrypted, up to when records were pulled, and what the last Data Entry Trigger did.
 */
@Repository
class RedcapConnections {

    /** A stored connection with its token decrypted, for this service's own calls to REDCap only. */
    record Connection(String institution, RedcapMapping mapping, String token, String pulledUntil,
                      RedcapTrigger lastTrigger) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final TokenCipher cipher;

    RedcapConnections(JdbcTemplate jdbc, ObjectMapper mapper, PseudonymProperties secret) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.cipher = new TokenCipher(secret.secret());
    }

    void save(String institution, RedcapConnectionRequest request) {
        String mapping = json(request.mapping());
        String token = cipher.encrypt(institution, request.token());
        jdbc.update("INSERT INTO survey_redcap_connection (institution_id, mapping, token) VALUES (?, ?, ?) "
                + "ON CONFLICT (institution_id) DO UPDATE SET mapping = EXCLUDED.mapping, token = EXCLUDED.token, "
                + "pulled_until = NULL, last_trigger = NULL", institution, mapping, token);
    }

    Optional<Connection> find(String institution) {
        return jdbc.query("SELECT institution_id, mapping, token, pulled_until, last_trigger "
                + "FROM survey_redcap_connection WHERE institution_id = ?", (rs, i) -> connection(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), institution).stream().findFirst();
    }

    /** Removes the connection with its token and pull state; false when there was none. */
    boolean delete(String institution) {
        return jdbc.update("DELETE FROM survey_redcap_connection WHERE institution_id = ?", institution) > 0;
    }

    void triggered(String institution, RedcapTrigger trigger) {
        jdbc.update("UPDATE survey_redcap_connection SET last_trigger = ? WHERE institution_id = ?", json(trigger),
                institution);
    }

    List<String> institutions() {
        return jdbc.queryForList("SELECT institution_id FROM survey_redcap_connection ORDER BY institution_id",
                String.class);
    }

    void pulled(String institution, String until) {
        jdbc.update("UPDATE survey_redcap_connection SET pulled_until = ? WHERE institution_id = ?", until,
                institution);
    }

    private Connection connection(String institution, String mapping, String token, String pulledUntil,
                                  String lastTrigger) {
        try {
            return new Connection(institution, mapper.readValue(mapping, RedcapMapping.class),
                    cipher.decrypt(institution, token), pulledUntil,
                    lastTrigger == null ? null : mapper.readValue(lastTrigger, RedcapTrigger.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored REDCap connection cannot be read", e);
        }
    }

    private String json(Object stored) {
        try {
            return mapper.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a REDCap connection cannot be written", e);
        }
    }
}
