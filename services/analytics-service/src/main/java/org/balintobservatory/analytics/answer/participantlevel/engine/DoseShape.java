package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.support.domain.RuleViolationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How sessions attended enters the model: a straight line, or a restricted cubic spline with 3 or 4 knots. */
public enum DoseShape {

    LINEAR("linear", 0),
    SPLINE3("spline3", 3),
    SPLINE4("spline4", 4);

    private final String parameter;
    private final int knots;

    DoseShape(String parameter, int knots) {
        this.parameter = parameter;
        this.knots = knots;
    }

    public String parameter() {
        return parameter;
    }

    /** Knots of the spline, 0 for the line. */
    public int knots() {
        return knots;
    }

    /** @throws RuleViolationException naming {@code dose} */
    public static DoseShape of(String value) {
        String asked = value == null || value.isBlank() ? "linear" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.parameter.equals(asked)).findFirst()
                .orElseThrow(() -> new RuleViolationException("dose", "one-of", "dose must be one of "
                        + Arrays.stream(values()).map(DoseShape::parameter).collect(Collectors.joining(", "))));
    }
}
