package org.balintobservatory.metaanalysis.mixed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The data sets of {@code src/test/r/mixed-models.R}, read from the CSV files it writes to
 * {@code src/test/resources/mixed}, and turned into cluster statistics.
 */
final class MixedTestData {

    private MixedTestData() {
    }

    /** One CSV row, by column name. */
    record Row(Map<String, String> values) {

        String text(String column) {
            String value = values.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            return value;
        }

        double number(String column) {
            return Double.parseDouble(text(column));
        }
    }

    /** @return the rows of {@code mixed/<name>.csv}, as R's {@code write.csv} wrote them */
    static List<Row> read(String name) {
        try (InputStream in = MixedTestData.class.getResourceAsStream("/mixed/" + name + ".csv")) {
            if (in == null) {
                throw new IllegalArgumentException("no data set " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = unquote(reader.readLine().split(","));
            List<Row> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = unquote(line.split(","));
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    values.put(header[c], cells[c]);
                }
                rows.add(new Row(values));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] unquote(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("\"", "");
        }
        return cells;
    }

    /**
     * @param outer the outer cluster of a row, or {@code null} for one level
     * @param inner the inner cluster of a row
     * @param x     the row of X, intercept included
     * @param y     the response
     * @return one statistics per inner cluster, in order of first appearance
     */
    static List<ClusterStatistics> clusters(List<Row> rows, Function<Row, String> outer, Function<Row, String> inner,
                                            Function<Row, double[]> x, ToDoubleFunction<Row> y) {
        Map<List<String>, List<Row>> byCluster = new LinkedHashMap<>();
        for (Row row : rows) {
            List<String> key = new ArrayList<>();
            key.add(outer.apply(row));
            key.add(inner.apply(row));
            byCluster.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<ClusterStatistics> clusters = new ArrayList<>();
        byCluster.forEach((key, members) -> clusters.add(ClusterStatistics.of(key.get(0), key.get(1),
                members.stream().map(x).toArray(double[][]::new), members.stream().mapToDouble(y).toArray())));
        return clusters;
    }
}
