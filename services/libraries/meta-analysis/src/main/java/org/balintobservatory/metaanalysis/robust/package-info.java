/**
 * Cluster-robust inference for the two-level and the multilevel model: CR2 sandwich tests with
 * Satterthwaite degrees of freedom and the HTZ Wald test, as clubSandwich's {@code coef_test} and its
 * default Wald test, and metafor's {@code robust(res, cluster, clubSandwich = TRUE)} (Pustejovsky &amp;
 * Tipton, 2018, J Bus Econ Stat 36(4)), from {@link org.balintobservatory.metaanalysis.robust.ClusterRobust}.
 */
package org.balintobservatory.metaanalysis.robust;
