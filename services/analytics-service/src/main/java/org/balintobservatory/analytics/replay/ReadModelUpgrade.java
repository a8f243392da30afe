package org.balintobservatory.analytics.replay;

import org.balintobservatory.analytics.readmodel.store.Generations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Rebuilds the read models once the service is up when the active generation was built by an older
 * version: until the rebuild switches over, the old generation keeps answering as well as it can, and
 * {@code GET /api/v1/analytics/admin/replay} shows the progress.
 */
@Component
class ReadModelUpgrade {

    private static final Logger log = LoggerFactory.getLogger(ReadModelUpgrade.class);

    private final Generations generations;
    private final ReplayService replays;

    ReadModelUpgrade(Generations generations, ReplayService replays) {
        this.generations = generations;
        this.replays = replays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildOutdatedReadModels() {
        if (generations.outdated()) {
            log.info("generation {} was built in an older read-model format; rebuilding it in format {}",
                    generations.active(), Generations.FORMAT);
            try {
                replays.start();
            } catch (ErrorResponseException e) {
                log.info("another instance is rebuilding already: {}", replays.progress());
            }
        }
    }
}
