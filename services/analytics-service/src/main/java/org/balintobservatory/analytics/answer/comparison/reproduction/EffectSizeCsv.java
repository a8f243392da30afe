package org.balintobservatory.analytics.answer.comparison.reproduction;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-unit rows as CSV for R: {@code dat <- read.csv("effect-sizes.csv"); rma(yi, vi, data = dat)}
 * reproduces the JSON answer, and {@code mods = ~ factor(groupSize)} its subgroup test. Numbers are written so
 * that R reads back the exact doubles and missing values are {@code NA} ({@link RCsv}). The last two columns say what every row comes from, so that a file read on its own still names it: {@code release}
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
        List<String> header = new ArrayList<>(List.of("unit", "institution", "yi", "vi", "n"));
        for (Moderator m : Moderator.values()) {
            header.add(m.parameter());
        }
        header.addAll(List.of("release", "releaseCutAt"));
        RCsv csv = new RCsv(out, header);
        String releaseName = release.live() ? "live" : release.name();
        String cutAt = release.live() ? null : release.cutAt().toString();
        List<Object> values = new ArrayList<>(header.size());
        for (ComparisonEngine.Row row : rows) {
            values.clear();
            values.addAll(List.of(row.unitId(), row.institutionId(), row.yi(), row.vi(), row.n()));
            for (Moderator m : Moderator.values()) {
                Object value = row.moderators().get(m.parameter());
                values.add(value == null || value instanceof Number ? value : value.toString());
            }
            values.add(releaseName);
            values.add(cutAt);
            csv.row(values);
        }
    }
}
