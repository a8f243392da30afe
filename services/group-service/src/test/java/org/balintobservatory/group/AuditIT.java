package org.balintobservatory.group;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored event names the API key whose command produced it, and nothing else about the caller. */
class AuditIT extends GroupServiceTestSupport {

    @Test
    void eventsRecordTheIdOfTheKeyThatIssuedTheirCommand() {
        // A fixed id: the run's own institution already keeps it apart from every other run's.
        String programme = "audit-trail";
        assertThat(post("/api/v1/programmes", programme(programme, TODAY.minusDays(30))).status()).isEqualTo(201);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregate(programme)).asStream().toList();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData()).containsEntry("keyId", "test-school")
                .doesNotContainValue(SCHOOL_KEY);
    }
}
