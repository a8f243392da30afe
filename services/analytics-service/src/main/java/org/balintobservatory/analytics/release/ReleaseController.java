package org.balintobservatory.analytics.release;

import org.balintobservatory.analytics.readmodel.release.DataRelease;
import org.balintobservatory.analytics.readmodel.release.DataReleases;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Data releases: what has been published, and cutting the next one (administrators). */
@RestController
public class ReleaseController {

    private final DataReleases releases;
    private final ReleaseCutter cutter;

    public ReleaseController(DataReleases releases, ReleaseCutter cutter) {
        this.releases = releases;
        this.cutter = cutter;
    }

    /** @param name the release's name ({@code [a-z0-9][a-z0-9-]{0,39}}), or absent for {@code release-<id>} */
    public record CutRequest(String name) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/api/v1/analytics/releases")
    List<DataRelease> list(Caller caller) {
        return releases.list();
    }

    @Allowed(Role.ADMIN)
    @PostMapping("/api/v1/analytics/admin/releases")
    @ResponseStatus(HttpStatus.CREATED)
    DataRelease cut(Caller caller, @RequestBody(required = false) CutRequest request) {
        return cutter.cut(request == null ? null : request.name());
    }
}
