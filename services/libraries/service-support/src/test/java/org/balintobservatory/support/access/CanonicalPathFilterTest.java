package org.balintobservatory.support.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalPathFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/keys", "/api/v1/groups/g-1/members/p.001", "/css/dashboard.css",
            // Data inside one segment, read the same by every reader: the handler's rules judge it.
            "/api/v1/participants/j.smith%40example.org/consent-withdrawal", "/api/v1/groups/a%20b",
            "/api/v1/groups/p%C3%A9-001", "/api/v1/groups/drop%20table%3B", "/api/v1/groups/p%09001"})
    void aPathEveryReaderReadsAlikePasses(String path) {
        assertThat(CanonicalPathFilter.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api;x=1/v1/keys", "/api/v1/keys;", "/%61pi/v1/keys", "/api/v1/%4Beys", "/api/v1/keys%2Fx",
            "/api/%2e/v1/keys", "/api/v1/x/%2E%2E/keys", "/api/v1/%2561pi", "/api/v1/keys%5Cx", "/api/v1/keys%00",
            "/api/v1/keys%", "/api/v1/keys%4", "/api/v1/keys%zz", "//api/v1/keys", "/api//v1/keys", "/api/v1/keys/",
            "/api/./v1/keys", "/api/x/../v1/keys", "/api/v1/keys/..", "/api\\v1/keys", "api/v1/keys"})
    void aPathThatCanBeReadAsAnotherIsRefused(String path) {
        assertThat(CanonicalPathFilter.problem(path)).isNotNull();
    }
}
