package org.balintobservatory.metaanalysis.randomeffects;

import java.util.List;

/**
 * Datasets shipped with R's metafor/metadat packages, typed in from {@code dat.bcg} and
 * {@code dat.normand1999}, with effect sizes computed here from the raw numbers.
 */
public final class MetaforData {

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
    public static final List<String> BCG_ALLOC = List.of("random", "random", "random", "random", "alternate", "alternate",
            "random", "random", "random", "systematic", "systematic", "systematic", "systematic");

    /** Log risk ratio of each BCG trial: {@code escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg)}. */
    public static double[] bcgYi() {
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
    public static double[] bcgVi() {
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

    public static double[] bcgAblat() {
        return bcgColumn(5);
    }

    public static double[] bcgYear() {
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

    /**
     * dat.konstantopoulos2011 (metadat): district, school, year, yi, vi; 56 schools in 11 districts
     * (Konstantopoulos, 2011, Res Synth Methods 2(1)), as {@code src/test/r/multilevel.R} prints it.
     */
    static final double[][] KONSTANTOPOULOS = {
            {11, 1, 1976, -0.18, 0.118},
            {11, 2, 1976, -0.22, 0.118},
            {11, 3, 1976, 0.23, 0.144},
            {11, 4, 1976, -0.3, 0.144},
            {12, 1, 1989, 0.13, 0.014},
            {12, 2, 1989, -0.26, 0.014},
            {12, 3, 1989, 0.19, 0.015},
            {12, 4, 1989, 0.32, 0.024},
            {18, 1, 1994, 0.45, 0.023},
            {18, 2, 1994, 0.38, 0.043},
            {18, 3, 1994, 0.29, 0.012},
            {27, 1, 1976, 0.16, 0.02},
            {27, 2, 1976, 0.65, 0.004},
            {27, 3, 1976, 0.36, 0.004},
            {27, 4, 1976, 0.6, 0.007},
            {56, 1, 1997, 0.08, 0.019},
            {56, 2, 1997, 0.04, 0.007},
            {56, 3, 1997, 0.19, 0.005},
            {56, 4, 1997, -0.06, 0.004},
            {58, 1, 1976, -0.18, 0.02},
            {58, 2, 1976, 0, 0.018},
            {58, 3, 1976, 0, 0.019},
            {58, 4, 1976, -0.28, 0.022},
            {58, 5, 1976, -0.04, 0.02},
            {58, 6, 1976, -0.3, 0.021},
            {58, 7, 1976, 0.07, 0.006},
            {58, 8, 1976, 0, 0.007},
            {58, 9, 1976, 0.05, 0.007},
            {58, 10, 1976, -0.08, 0.007},
            {58, 11, 1976, -0.09, 0.007},
            {71, 1, 1997, 0.3, 0.015},
            {71, 2, 1997, 0.98, 0.011},
            {71, 3, 1997, 1.19, 0.01},
            {86, 1, 1997, -0.07, 0.001},
            {86, 2, 1997, -0.05, 0.001},
            {86, 3, 1997, -0.01, 0.001},
            {86, 4, 1997, 0.02, 0.001},
            {86, 5, 1997, -0.03, 0.001},
            {86, 6, 1997, 0, 0.001},
            {86, 7, 1997, 0.01, 0.001},
            {86, 8, 1997, -0.1, 0.001},
            {91, 1, 2000, 0.5, 0.01},
            {91, 2, 2000, 0.66, 0.011},
            {91, 3, 2000, 0.2, 0.01},
            {91, 4, 2000, 0, 0.009},
            {91, 5, 2000, 0.05, 0.013},
            {91, 6, 2000, 0.07, 0.013},
            {108, 1, 2000, -0.52, 0.031},
            {108, 2, 2000, 0.7, 0.031},
            {108, 3, 2000, -0.03, 0.03},
            {108, 4, 2000, 0.27, 0.03},
            {108, 5, 2000, -0.34, 0.03},
            {644, 1, 1995, 0.12, 0.087},
            {644, 2, 1995, 0.61, 0.082},
            {644, 3, 1994, 0.04, 0.067},
            {644, 4, 1994, -0.05, 0.067}
    };

    public static double[] konstantopoulosColumn(int column) {
        double[] values = new double[KONSTANTOPOULOS.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = KONSTANTOPOULOS[i][column];
        }
        return values;
    }

    public static List<String> konstantopoulosLabels(int column) {
        return java.util.Arrays.stream(KONSTANTOPOULOS).map(row -> String.valueOf((int) row[column])).toList();
    }
}
