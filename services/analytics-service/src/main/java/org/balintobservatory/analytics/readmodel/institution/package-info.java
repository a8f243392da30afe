/**
 * What the read models know of each institution as a whole, one small document each: its groups' and
 * programmes' moderators ({@link org.balintobservatory.analytics.readmodel.institution.InstitutionProfile}) and
 * the counters of the overview ({@link org.balintobservatory.analytics.readmodel.institution.InstitutionTotals}),
 * with the parts those counters are recomputed from.
 */
package org.balintobservatory.analytics.readmodel.institution;
