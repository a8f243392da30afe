package org.balintobservatory.analytics.answer.comparison.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which a cumulative meta-analysis adds units, as metafor's {@code cumul(res, order = ...)} adds
 * studies: the fit after step i pools the first i units of the order.
 *
 * <ul>
 *   <li>{@link #COMPLETION}: the month each unit reached its second timepoint, that is the month its first
 *       pair became complete (min over its participants of the later of their two responses' completion
 *       days), which is when the unit's evidence first existed: the analogue of ordering studies by
 *       publication date (Lau et al. 1992, N Engl J Med 327:248–254). Ties: programme start, then unit id.</li>
 *   <li>{@link #START}: the day the unit's programme started: the evidence by cohort. Ties: unit id.</li>
 * </ul>
 * A unit without the date an order needs cannot be placed and is listed apart with the reason. The rows
 * come in unit-id order, and the sort is stable, so the last tie-break is the unit id, as {@code cumul} keeps
 * the data's order for equal keys.
 */
public enum CumulativeOrder {

    COMPLETION("completion", "the month it reached its second timepoint is unknown",
            Comparator.comparing(ComparisonEngine.Row::completedIn)
                    .thenComparing(ComparisonEngine.Row::programmeStart, Comparator.nullsLast(Comparator.naturalOrder())),
            ComparisonEngine.Row::completedIn),
    START("start", "its programme's start date is unknown",
            Comparator.comparing(ComparisonEngine.Row::programmeStart), ComparisonEngine.Row::programmeStart);

    private final String parameter;
    private final String unknown;
    private final Comparator<ComparisonEngine.Row> comparator;
    private final Function<ComparisonEngine.Row, Object> key;

    CumulativeOrder(String parameter, String unknown, Comparator<ComparisonEngine.Row> comparator,
                    Function<ComparisonEngine.Row, Object> key) {
        this.parameter = parameter;
        this.unknown = unknown;
        this.comparator = comparator;
        this.key = key;
    }

    /** The value of the {@code order} parameter that asks for this order. */
    public String parameter() {
        return parameter;
    }

    /** The order a parameter names, or {@code null} when it names none. */
    public static CumulativeOrder of(String parameter) {
        return Arrays.stream(values()).filter(o -> o.parameter.equals(parameter)).findFirst().orElse(null);
    }

    /**
     * @param ordered   the rows with the date the order needs, in the order they are added
     * @param unordered the rows without it, each with the reason
     */
    public record Sorted(List<ComparisonEngine.Row> ordered, List<ComparisonEngine.Excluded> unordered) {
    }

    /** Sorts the rows of a comparison for the cumulative analysis. */
    public Sorted sort(List<ComparisonEngine.Row> rows) {
        List<ComparisonEngine.Row> ordered = new ArrayList<>();
        List<ComparisonEngine.Excluded> unordered = new ArrayList<>();
        for (ComparisonEngine.Row row : rows) {
            if (key.apply(row) == null) {
                unordered.add(new ComparisonEngine.Excluded(row.unitId(), unknown));
            } else {
                ordered.add(row);
            }
        }
        ordered.sort(comparator);
        return new Sorted(List.copyOf(ordered), List.copyOf(unordered));
    }
}
