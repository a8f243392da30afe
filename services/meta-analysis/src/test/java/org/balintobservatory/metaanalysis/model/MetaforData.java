package org.balintobservatory.metaanalysis.model;

import java.util.List;

/**
 * Datasets shipped with R's metafor/metadat packages, typed in from {@code dat.bcg} and
 * {@code dat.normand1999}, with effect sizes computed here from the raw numbers.
 */
final class MetaforData {

    private MetaforData() {
    }

    /** dat.bcg: trial, tpos, tneg, cpos, cneg, ablat, year (Colditz et al., 1994). */
    static final double[][] BCG = {
            {1, 4, 119, 11, 128, 44, 1948},
            {2, 6, 300, 29, 274, 55, 1949},
            {3, 3, 228, 11, 209, 42, 1960},
            {4, 62, 13536, 248, 12619, 52, 1977},
            {5, 33, 5036, 47, 5761, 13, 1973},
            {6, 180, 1361, 372, 1079, 44, 1953},
            {7, 8, 2537, 10, 619, 19, 1973},
            {8, 505, 87886, 499, 87892, 13, 1980},
            {9, 29, 7470, 45, 7232, 27, 1968},
            {10, 17, 1699, 65, 1600, 42, 1961},
            {11, 186, 50448, 141, 27197, 18, 1974},
            {12, 5, 2493, 3, 2338, 33, 1969},
            {13, 27, 16886, 29, 17825, 33, 1976},
    };

    /** dat.bcg$alloc, the treatment allocation of each trial. */
    static final List<String> BCG_ALLOC = List.of("random", "random", "random", "random", "alternate", "alternate",
            "random", "random", "random", "systematic", "systematic", "systematic", "systematic");

    /** Log risk ratio of each BCG trial: {@code escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg)}. */
    static double[] bcgYi() {
        double[] yi = new double[BCG.length];
        for (int i = 0; i < BCG.length; i++) {
            double tpos = BCG[i][1];
            double tneg = BCG[i][2];
            double cpos = BCG[i][3];
            double cneg = BCG[i][4];
            yi[i] = Math.log((tpos / (tpos + tneg)) / (cpos / (cpos + cneg)));
        }
        return yi;
    }

    /** Sampling variance of the log risk ratio: {@code 1/tpos - 1/(tpos+tneg) + 1/cpos - 1/(cpos+cneg)}. */
    static double[] bcgVi() {
        double[] vi = new double[BCG.length];
        for (int i = 0; i < BCG.length; i++) {
            double tpos = BCG[i][1];
            double tneg = BCG[i][2];
            double cpos = BCG[i][3];
            double cneg = BCG[i][4];
            vi[i] = 1 / tpos - 1 / (tpos + tneg) + 1 / cpos - 1 / (cpos + cneg);
        }
        return vi;
    }

    static double[] bcgColumn(int column) {
        double[] values = new double[BCG.length];
        for (int i = 0; i < BCG.length; i++) {
            values[i] = BCG[i][column];
        }
        return values;
    }

    static double[] bcgAblat() {
        return bcgColumn(5);
    }

    static double[] bcgYear() {
        return bcgColumn(6);
    }

    /** dat.normand1999: n1i, m1i, sd1i, n2i, m2i, sd2i (specialist vs routine stroke care, length of stay). */
    static final double[][] NORMAND = {
            {155, 55, 47, 156, 75, 64},
            {31, 27, 7, 32, 29, 4},
            {75, 64, 17, 71, 119, 29},
            {18, 66, 20, 18, 137, 48},
            {8, 14, 8, 13, 18, 11},
            {57, 19, 7, 52, 18, 4},
            {34, 52, 45, 33, 41, 34},
            {110, 21, 16, 183, 31, 27},
            {60, 30, 27, 52, 23, 20},
    };
}
