package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.support.pseudonym.PseudonymProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Each institution's REDCap connection, in {@code survey_redcap_connection}; the token only encrypted. */
@Repository
class RedcapConnections {

    /** A stored connection with its token decrypted, for this service's own calls to REDCap only. */
    record Connection(String institution, RedcapMapping mapping, String token, String pulledUntil) {
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
                + "pulled_until = NULL", institution, mapping, token);
    }

    Optional<Connection> find(String institution) {
        return jdbc.query("SELECT institution_id, mapping, token, pulled_until FROM survey_redcap_connection "
                + "WHERE institution_id = ?", (rs, i) -> connection(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), institution).stream().findFirst();
    }

    List<String> institutions() {
        return jdbc.queryForList("SELECT institution_id FROM survey_redcap_connection ORDER BY institution_id",
                String.class);
    }

    void pulled(String institution, String until) {
        jdbc.update("UPDATE survey_redcap_connection SET pulled_until = ? WHERE institution_id = ?", until,
                institution);
    }

    private Connection connection(String institution, String mapping, String token, String pulledUntil) {
        try {
            return new Connection(institution, mapper.readValue(mapping, RedcapMapping.class),
                    cipher.decrypt(institution, token), pulledUntil);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored REDCap mapping cannot be read", e);
        }
    }

    private String json(RedcapMapping mapping) {
        try {
            return mapper.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a REDCap mapping cannot be written", e);
        }
    }
}
