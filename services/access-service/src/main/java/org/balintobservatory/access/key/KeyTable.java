package org.balintobservatory.access.key;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The listing of issued keys, written by the subscribing processor {@code access-tables} inside the
 * transaction that stores the event. It holds no hash: listing keys never needs one.
 */
@Component
@ProcessingGroup("access-tables")
public class KeyTable {

    private static final RowMapper<KeyView> ROW = (rs, i) -> new KeyView(
            rs.getString("key_id"), rs.getString("role"), rs.getString("institution_id"), rs.getString("label"),
            "issued", rs.getTimestamp("revoked_at") == null ? "active" : "revoked",
            rs.getTimestamp("issued_at").toInstant(), rs.getString("issued_by"),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
            rs.getString("revoked_by"), rs.getString("revoke_reason"), null);

    private final JdbcTemplate jdbc;

    public KeyTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO api_key (key_id, role, institution_id, label, issued_at, issued_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                event.keyId(), event.role().name(), event.institutionId(), event.label(),
                java.sql.Timestamp.from(at), event.issuedBy());
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE api_key SET revoked_at = ?, revoked_by = ?, revoke_reason = ? "
                        + "WHERE key_id = ? AND revoked_at IS NULL",
                java.sql.Timestamp.from(at), event.revokedBy(), event.reason(), event.keyId());
    }

    public Optional<KeyView> find(String keyId) {
        return jdbc.query("SELECT * FROM api_key WHERE key_id = ?", ROW, keyId).stream().findFirst();
    }

    /**
     * @param institutionId only this institution's keys, or {@code null} for all
     * @param role          only keys of this role, or {@code null} for all
     */
    public List<KeyView> list(String institutionId, String role, boolean includeRevoked) {
        StringBuilder sql = new StringBuilder("SELECT * FROM api_key WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (institutionId != null) {
            sql.append(" AND institution_id = ?");
            args.add(institutionId);
        }
        if (role != null) {
            sql.append(" AND role = ?");
            args.add(role);
        }
        if (!includeRevoked) {
            sql.append(" AND revoked_at IS NULL");
        }
        sql.append(" ORDER BY issued_at, key_id");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }
}
