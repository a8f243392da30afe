package org.balintobservatory.analytics.answer.comparison.engine;

/**
 * Which model pools the units, as the {@code model} query parameter names it.
 *
 * <ul>
 *   <li>{@code two-level}: every unit independent, {@code rma(yi, vi)} (the default);</li>
 *   <li>{@code multilevel}: groups nested in institutions,
 *       {@code rma.mv(yi, vi, random = ~ 1 | institution/unit)}; only for {@code unit=group}, by REML or ML.</li>
 * </ul>
 */
public enum ModelChoice {

    TWO_LEVEL("two-level"),
    MULTILEVEL("multilevel");

    private final String parameter;

    ModelChoice(String parameter) {
        this.parameter = parameter;
    }

    /** @return the name the API uses */
    public String parameter() {
        return parameter;
    }

    public static ModelChoice of(String value) {
        for (ModelChoice choice : values()) {
            if (choice.parameter.equals(value)) {
                return choice;
            }
        }
        return null;
    }
}
