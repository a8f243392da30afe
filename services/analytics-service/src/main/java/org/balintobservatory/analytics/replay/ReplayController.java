package org.balintobservatory.analytics.replay;

import org.balintobservatory.analytics.Access;
import org.balintobservatory.support.web.Caller;
import org.balintobservatory.support.web.Role;
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

    @GetMapping
    ReplayProgress progress(Caller caller) {
        Access.require(caller, Role.ADMIN);
        return replays.progress();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayProgress start(Caller caller) {
        Access.require(caller, Role.ADMIN);
        return replays.start();
    }
}
