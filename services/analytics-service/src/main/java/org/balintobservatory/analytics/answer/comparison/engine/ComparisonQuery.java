package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.support.domain.RuleViolationException;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The query parameters every comparison endpoint shares, checked once.
 *
 * @param participantType only units of this participant type, or {@code null}
 * @param country         only units in this country, or {@code null}
 * @param format          only units meeting in this format, or {@code null}
 * @param arm             only units of this arm (INTERVENTION or CONTROL), or {@code null}
 * @param since           only cohorts whose programme started on or after this date, or {@code null}
 * @param until           only cohorts whose programme started on or before this date, or {@code null}
 * @param model           the two-level model or groups nested in institutions
 * @param robust          whether tests are cluster-robust by institution (CR2)
 */
public record ComparisonQuery(
        String instrument,
        String scale,
        Timepoint from,
        Timepoint to,
        String unit,
        EffectMeasure measure,
        EstimationMethod method,
        TestType test,
        String participantType,
        String country,
        String format,
        String arm,
        LocalDate since,
        LocalDate until,
        ModelChoice model,
        boolean robust) {

    public static ComparisonQuery parse(String instrument, String scale, String from, String to, String unit, String measure,
                                 String method, String test, String participantType, String country, String format,
                                 String arm, String since, String until, String model, String robust) {
        if (instrument == null || !instrument.matches("[a-z0-9-]{2,64}")) {
            throw new RuleViolationException("instrument", "required", "instrument is required, e.g. jse-style");
        }
        if (!scale.matches("[a-z0-9-]{1,64}")) {
            throw new RuleViolationException("scale", "pattern", "scale must match [a-z0-9-]{1,64}");
        }
        Timepoint fromTimepoint = parseEnum(Timepoint.class, "from", from);
        Timepoint toTimepoint = parseEnum(Timepoint.class, "to", to);
        if (fromTimepoint.compareTo(toTimepoint) >= 0) {
            throw new RuleViolationException("to", "after-from", "to must be a later timepoint than from");
        }
        if (!unit.equals("group") && !unit.equals("institution")) {
            throw new RuleViolationException("unit", "one-of", "unit must be group or institution");
        }
        EffectMeasure effectMeasure = parseEnum(EffectMeasure.class, "measure", measure);
        if (effectMeasure == EffectMeasure.SMD && !unit.equals("institution")) {
            throw new RuleViolationException("measure", "smd-needs-institutions",
                    "SMD compares an institution's intervention and control programmes: use unit=institution");
        }
        EstimationMethod estimator = parseEnum(EstimationMethod.class, "method", method);
        if (estimator == EstimationMethod.FE) {
            throw new RuleViolationException("method", "one-of", "method must be REML, ML or DL");
        }
        ModelChoice choice = ModelChoice.of(model);
        if (choice == null) {
            throw new RuleViolationException("model", "one-of", "model must be two-level or multilevel");
        }
        if (choice == ModelChoice.MULTILEVEL && !unit.equals("group")) {
            throw new RuleViolationException("model", "multilevel-needs-groups",
                    "the multilevel model nests groups in institutions: use unit=group");
        }
        if (choice == ModelChoice.MULTILEVEL && estimator == EstimationMethod.DL) {
            throw new RuleViolationException("method", "multilevel-likelihood",
                    "the multilevel model is fitted by REML or ML");
        }
        if (!robust.equals("none") && !robust.equals("cr2")) {
            throw new RuleViolationException("robust", "one-of", "robust must be none or cr2");
        }
        return new ComparisonQuery(instrument, scale, fromTimepoint, toTimepoint, unit, effectMeasure, estimator,
                parseEnum(TestType.class, "test", test), blankToNull(participantType), blankToNull(country),
                blankToNull(format), blankToNull(arm), date("since", since), date("until", until), choice,
                robust.equals("cr2"));
    }

    public ModelOptions options() {
        return ModelOptions.of(method, test);
    }

    /** Whether the filters select a unit so described. */
    public boolean accepts(Moderators unit) {
        return (participantType == null || participantType.equals(unit.participantType()))
                && (country == null || country.equals(unit.country()))
                && (format == null || format.equals(unit.format()))
                && (arm == null || (unit.arm() != null && arm.equals(unit.arm().name())));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(field, "one-of", field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleViolationException(field, "date", field + " must be a date, yyyy-mm-dd");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
