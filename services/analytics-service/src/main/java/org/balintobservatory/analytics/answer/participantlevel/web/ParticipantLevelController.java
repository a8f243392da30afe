package org.balintobservatory.analytics.answer.participantlevel.web;

import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionBundle;
import org.balintobservatory.analytics.answer.participantlevel.engine.GroupData;
import org.balintobservatory.analytics.answer.participantlevel.engine.GroupModerator;
import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelEngine;
import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelQuery;
import org.balintobservatory.analytics.answer.participantlevel.reproduction.ParticipantLevelBundle;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;
import org.balintobservatory.metaanalysis.mixed.RankDeficientDesignException;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The one-stage, participant-level model across institutions: {@code lmer(post ~ baseline + doseWithin +
 * doseBetween + moderators + (1 | institution/group))} fitted from the participants of exactly the groups a
 * comparison of the same scale shows the caller, with the dose-response split into its within- and
 * across-group parts (Riley et al., Stat Med 2020). An answer carries coefficients, variance components and curves,
 * never a participant's values, a residual or a group's random effect; {@code participant-level/bundle.zip}
 * gives what refits it in R.
 */
@RestController
@RequestMapping("/api/v1/analytics")
public class ParticipantLevelController {

    private final ParticipantLevelGroups groups;

    public ParticipantLevelController(ParticipantLevelGroups groups) {
        this.groups = groups;
    }

    /**
     * @param participants      participants in the model
     * @param groups            groups in the model
     * @param institutions      institutions those groups belong to
     * @param withheldUnits     group units with pairs that disclosure control keeps out of the model, by reason
     * @param groupsWithoutDoses groups shown whose release was cut before it kept dose tables: not in the model
     * @param baselineSd        the pooled within-group SD of the baseline the standardised columns divide by
     * @param criterion         −2 × the REML log-likelihood (REML) or the deviance (ML), as lme4 reports it
     * @param dfMethod          how the tests' degrees of freedom are computed
     */
    public record Answer(String instrument, String scale, Timepoint from, Timepoint to, List<String> moderators,
                         String dose, String method, String dfMethod, boolean converged, long participants,
                         int groups, int institutions, Withholding.Counts withheldUnits, int groupsWithoutDoses,
                         int minimumCellSize, Double baselineSd, List<ParticipantLevelEngine.Term> fixedEffects,
                         List<ParticipantLevelEngine.WithheldTerm> withheldTerms,
                         ParticipantLevelEngine.Variance variance, Double logLikelihood, Double criterion,
                         ParticipantLevelEngine.DoseResponse doseResponse,
                         List<ParticipantLevelEngine.TwoStageRow> twoStage, int twoStageGroups, List<String> notes,
                         Map<String, Long> logPosition, int generation, ReleaseLabel release) {
    }

    /** The query parameters, bound by name; absent ones take the defaults {@link ParticipantLevelQuery} gives. */
    record QueryParameters(String instrument, String scale, String from, String to, String moderators, String dose,
                           String method) {

        ParticipantLevelQuery parse() {
            return ParticipantLevelQuery.parse(instrument, scale, from, to, moderators, dose, method);
        }
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/participant-level")
    Answer participantLevel(Caller caller, QueryParameters parameters, ReleaseChoice release) {
        ParticipantLevelQuery query = parameters.parse();
        ParticipantLevelGroups.Fitted fitted = fit(caller, query, release);
        ParticipantLevelEngine.Result r = fitted.result();
        ParticipantLevelGroups.Selection selection = fitted.selection();
        ReadScope scope = selection.scope();
        MixedModelFit fit = r.fit();
        return new Answer(query.scores().instrument(), query.scores().scale(), query.scores().from(),
                query.scores().to(), query.moderators().stream().map(GroupModerator::parameter).toList(),
                query.dose().parameter(), fit.estimation().name(), fit.dfMethod(), fit.converged(),
                r.design().participants(), r.design().groups().size(),
                (int) r.design().groups().stream().map(GroupData::institutionId).distinct().count(),
                selection.withheld(), selection.undosed(), scope.minCellSize(), number(r.design().baselineSd()),
                r.fixedEffects(), r.withheldTerms(), r.variance(), number(fit.logLikelihood()),
                number(fit.criterion()), r.dose(), r.twoStage(), r.twoStageGroups(), r.notes(), scope.logPosition(),
                scope.generation(), scope.label());
    }

    /**
     * What the bundle says it was computed from.
     *
     * @param query the answer it reproduces, as asked
     */
    public record Manifest(String query, ReleaseLabel release, Map<String, Long> logPosition, int generation,
                           long participants, int groups, Withholding.Counts withheldUnits, int minimumCellSize) {
    }

    /**
     * The answer's reproducibility bundle ({@link ParticipantLevelBundle}): each group's sufficient statistics
     * and the R script that refits the model from them.
     *
     * @throws RuleViolationException 422 naming {@code moderators} when the answer withholds a coefficient: the
     *                                groups' statistics would give it away; 422 naming {@code dose} when, for a
     *                                researcher, a group has a dose fewer than the minimum cell size of its
     *                                participants share: a group's cross-products of the dose with the scores
     *                                separate those participants' scores from the rest (with two doses in a group,
     *                                Σ(d − d̄)(y − ȳ) gives the difference of the two doses' mean scores)
     */
    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping(value = "/participant-level/bundle.zip", produces = "application/zip")
    ResponseEntity<byte[]> bundle(Caller caller, QueryParameters parameters, ReleaseChoice release) {
        ParticipantLevelQuery query = parameters.parse();
        ParticipantLevelGroups.Fitted fitted = fit(caller, query, release);
        ParticipantLevelEngine.Result r = fitted.result();
        if (!r.withheldTerms().isEmpty()) {
            throw new RuleViolationException("moderators", "disclosure", "the answer withholds "
                    + r.withheldTerms().stream().map(ParticipantLevelEngine.WithheldTerm::term).toList()
                    + " (too few groups); the groups' statistics in a bundle would give them away: ask without "
                    + "that moderator");
        }
        ReadScope scope = fitted.selection().scope();
        if (!scope.live()) {
            long small = r.design().groups().stream().filter(g -> g.doses().cells().values().stream()
                    .anyMatch(c -> c.n() < scope.minCellSize())).count();
            if (small > 0) {
                throw new RuleViolationException("dose", "disclosure", small + " of the model's groups have a number "
                        + "of sessions attended that fewer than " + scope.minCellSize() + " of their participants share; "
                        + "a group's sums of the dose with the scores would tell those participants' scores apart, so "
                        + "the bundle is given to researchers only when every group's participants share each dose "
                        + "with at least that many others; the answer itself is not affected");
            }
        }
        boolean nested = r.design().clusters().stream().anyMatch(c -> c.outerId() != null);
        Manifest manifest = new Manifest("/api/v1/analytics/participant-level instrument=" + query.scores().instrument()
                + " scale=" + query.scores().scale() + " from=" + query.scores().from() + " to=" + query.scores().to()
                + " moderators=" + String.join(",", query.moderators().stream().map(GroupModerator::parameter).toList())
                + " dose=" + query.dose().parameter() + " method=" + query.method(), scope.label(),
                scope.logPosition(), scope.generation(), r.design().participants(), r.design().groups().size(),
                fitted.selection().withheld(), scope.minCellSize());
        byte[] zip = ParticipantLevelBundle.zip(
                ParticipantLevelBundle.clusters(r.design().terms(), r.design().clusters()),
                ParticipantLevelBundle.expected(r.fit()), ParticipantLevelBundle.script(r.fit(), nested),
                ReproductionBundle.json(manifest));
        return ResponseEntity.ok().contentType(new MediaType("application", "zip"))
                .header("Content-Disposition", "attachment; filename=\"participant-level-bundle.zip\"")
                .body(zip);
    }

    /**
     * @throws RuleViolationException 422 when the groups cannot carry the model: too few of them, or moderators
     *                                that cannot be told apart in these groups
     */
    ParticipantLevelGroups.Fitted fit(Caller caller, ParticipantLevelQuery query, ReleaseChoice release) {
        try {
            return groups.fit(caller, release, query);
        } catch (RankDeficientDesignException e) {
            throw new RuleViolationException("moderators", "estimable", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("instrument", "enough-data", "the groups shown for this scale cannot "
                    + "carry the model: " + e.getMessage());
        }
    }

    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
