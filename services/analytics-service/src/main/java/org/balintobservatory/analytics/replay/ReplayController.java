package org.balintobservatory.analytics.replay;

import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding the read models from the topics: start one, and watch it. Admins only. */
@RestController
@RequestMapping("/api/v1/analytics/admin/replay")
public class ReplayController {

    private final ReplayService replays;

    public ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @Allowed(Role.ADMIN)
    @GetMapping
    ReplayProgress progress(Caller caller) {
        return replays.progress();
    }

    @Allowed(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayProgress start(Caller caller) {
        return replays.start();
    }
}
