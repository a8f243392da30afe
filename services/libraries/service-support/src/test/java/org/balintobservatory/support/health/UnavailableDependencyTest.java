package org.balintobservatory.support.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class UnavailableDependencyTest {

    private final UnavailableDependency resolver = new UnavailableDependency(new ObjectMapper());

    @Test
    void aServerThatDidNotAnswerIsRecognisedWhereverItIsInTheCauseChain() {
        assertThat(UnavailableDependency.isUnavailable(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(UnavailableDependency.isUnavailable(new CompletionException(new IllegalStateException("command",
                new SQLException("the database system is shutting down", "57P03"))))).isTrue();
        assertThat(UnavailableDependency.isUnavailable(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(UnavailableDependency.isUnavailable(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(UnavailableDependency.isUnavailable(new DataAccessResourceFailureException("gone"))).isTrue();
    }

    /**
     * Found by the fault-injection run: PostgreSQL stopped while a command loaded its aggregate, the pool evicted
     * the broken connection, and the next statement met HikariCP's closed proxy, answered 500.
     */
    @Test
    void aStatementOnAConnectionThePoolClosedUnderTheUnitOfWorkIsUnavailableNotAFault() {
        assertThat(UnavailableDependency.isUnavailable(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(UnavailableDependency.isUnavailable(new SQLException("Statement is closed"))).isFalse();
    }

    @Test
    void aFaultOfTheServiceOrOfTheRequestIsLeftToTheOtherHandlers() {
        assertThat(UnavailableDependency.isUnavailable(new IllegalStateException("bug"))).isFalse();
        // 23505: a unique violation is the request's or the service's business, not an unreachable server.
        assertThat(UnavailableDependency.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(resolver.resolveException(new MockHttpServletRequest("GET", "/api/v1/x"), response, null,
                new IllegalStateException("bug"))).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void isAnsweredWith503RetryAfterAndAProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(resolver.resolveException(new MockHttpServletRequest("POST", "/api/v1/groups"), response, null,
                new CannotCreateTransactionException("no connection"))).isNotNull();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("type").asText()).endsWith("/problems/unavailable");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/groups");
    }
}
