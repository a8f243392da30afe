package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.metaanalysis.mixed.Estimation;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;

import java.util.List;
import java.util.Locale;

/**
 * A participant-level question, checked once: which scale between which timepoints, which group-level
 * moderators, how the dose enters, and REML or ML.
 *
 * @param scores     the instrument, scale and timepoints, checked as every comparison checks them; its SMCR
 *                   two-level meta-regression is the two-stage answer set beside the one-stage model
 * @param moderators group-level fixed effects, in the order asked
 */
public record ParticipantLevelQuery(ComparisonQuery scores, List<GroupModerator> moderators, DoseShape dose,
                                    Estimation method) {

    /**
     * @throws InvalidRequestException 400 naming the field at fault: every parameter is the client's to get
     *                                 right, so none is refused as a business rule
     */
    public static ParticipantLevelQuery parse(String instrument, String scale, String from, String to,
                                              String moderators, String dose, String method) {
        try {
            return checked(instrument, scale, from, to, moderators, dose, method);
        } catch (RuleViolationException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> new FieldError(v.field(), v.rule(), v.message())).toList());
        }
    }

    private static ParticipantLevelQuery checked(String instrument, String scale, String from, String to,
                                                 String moderators, String dose, String method) {
        ComparisonQuery scores = ComparisonQuery.parse(instrument, or(scale, "total"), or(from, "BASELINE"),
                or(to, "POST"), "group", "SMCR", "REML", "z", null, null, null, null, null, null, "two-level", "none");
        return new ParticipantLevelQuery(scores, GroupModerator.parse(moderators), DoseShape.of(dose),
                estimation(method));
    }

    private static Estimation estimation(String method) {
        String asked = or(method, "REML").trim().toUpperCase(Locale.ROOT);
        for (Estimation e : Estimation.values()) {
            if (e.name().equals(asked)) {
                return e;
            }
        }
        throw new RuleViolationException("method", "one-of", "method must be REML or ML");
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
