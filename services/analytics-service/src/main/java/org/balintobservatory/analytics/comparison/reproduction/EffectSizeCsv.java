package org.balintobservatory.analytics.comparison.reproduction;

import org.balintobservatory.analytics.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.comparison.engine.Moderator;
import org.balintobservatory.analytics.scope.ReleaseLabel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The per-unit rows as CSV for R: {@code dat <- read.csv("effect-sizes.csv"); rma(yi, vi, data = dat)}
 * reproduces the JSON answer, and {@code mods = ~ factor(groupSize)} its subgroup test. Numbers are written
 * with 17 significant digits so that R reads back the exact doubles; missing values are {@code NA}. The last
 * two columns say what every row comes from, so that a file read on its own still names it: {@code release}
 * (the data release's name, or {@code live} for a school's live view) and {@code releaseCutAt} (when the
 * release was cut, {@code NA} when live). {@code read.csv} takes no comment lines, so it is said in columns.
 */
public final class EffectSizeCsv {

    private EffectSizeCsv() {
    }

    /** The whole table as one string, for the reproduction bundle. */
    public static String write(List<ComparisonEngine.Row> rows, ReleaseLabel release) {
        StringBuilder csv = new StringBuilder();
        try {
            write(rows, release, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    /** Writes the header and then each row as it is formatted, so that a download is never held whole. */
    public static void write(List<ComparisonEngine.Row> rows, ReleaseLabel release, Appendable out)
            throws IOException {
        String source = ',' + quote(release.live() ? "live" : release.name()) + ','
                + (release.live() ? "NA" : quote(release.cutAt().toString()));
        out.append("unit,institution,yi,vi,n");
        for (Moderator m : Moderator.values()) {
            out.append(',').append(m.parameter());
        }
        out.append(",release,releaseCutAt\n");
        StringBuilder line = new StringBuilder();
        for (ComparisonEngine.Row row : rows) {
            line.setLength(0);
            line.append(quote(row.unitId())).append(',').append(quote(row.institutionId())).append(',')
                    .append(exact(row.yi())).append(',').append(exact(row.vi())).append(',').append(row.n());
            for (Moderator m : Moderator.values()) {
                Object value = row.moderators().get(m.parameter());
                line.append(',');
                if (value == null) {
                    line.append("NA");
                } else if (value instanceof Number number) {
                    line.append(exact(number.doubleValue()));
                } else {
                    line.append(quote(value.toString()));
                }
            }
            out.append(line).append(source).append('\n');
        }
    }

    private static String exact(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
