package org.balintobservatory.survey.redcap;

import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.domain.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Pulls of a school's REDCap project: on demand, and for every connection on a schedule
 * ({@code balint.redcap.pull-interval}, 15 minutes). An increment asks REDCap for the records changed since a
 * day before the last pull began ({@code dateRangeBegin}): REDCap reads that time in its own server's zone,
 * which this service does not know, and a record pulled twice is stored once, so the day of overlap costs
 * nothing and loses nothing.
 */
@Configuration
@EnableScheduling
class RedcapPulls {

    private static final Logger log = LoggerFactory.getLogger(RedcapPulls.class);
    private static final DateTimeFormatter REDCAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RedcapConnections connections;
    private final RedcapClient client;
    private final RedcapImport importer;
    private final Clock clock;

    RedcapPulls(RedcapConnections connections, RedcapClient client, RedcapImport importer, Clock clock) {
        this.connections = connections;
        this.client = client;
        this.importer = importer;
        this.clock = clock;
    }

    /** The submission lines of a pull: every completed record, or those changed since the last pull. */
    List<String> pull(String institution, boolean full) {
        RedcapConnections.Connection connection = connections.find(institution)
                .orElseThrow(() -> new NotFoundException("no REDCap connection; PUT /api/v1/survey-service/redcap/connection"));
        String startedAt = LocalDateTime.now(clock).format(REDCAP_TIME);
        String since = full || connection.pulledUntil() == null ? null
                : LocalDateTime.parse(connection.pulledUntil(), REDCAP_TIME).minusDays(1).format(REDCAP_TIME);
        List<Map<String, String>> records = client.exportRecords(connection.mapping(), connection.token(), since, null);
        connections.pulled(institution, startedAt);
        return importer.submissions(connection.mapping(), records);
    }

    /** The submission lines of one record, re-read from REDCap. */
    List<String> record(RedcapConnections.Connection connection, String record) {
        return importer.submissions(connection.mapping(),
                client.exportRecords(connection.mapping(), connection.token(), null, record));
    }

    @Scheduled(fixedDelayString = "${balint.redcap.pull-interval:PT15M}",
            initialDelayString = "${balint.redcap.pull-interval:PT15M}")
    void pullEveryConnection() {
        for (String institution : connections.institutions()) {
            try {
                List<LineResult> results = importer.run(institution, pull(institution, false));
                long refused = results.stream().filter(r -> !r.accepted()).count();
                log.info("REDCap pull for {}: {} records, {} refused", institution, results.size(), refused);
            } catch (RuntimeException e) {
                log.warn("REDCap pull for {} failed: {}", institution, e.getMessage());
            }
        }
    }
}
