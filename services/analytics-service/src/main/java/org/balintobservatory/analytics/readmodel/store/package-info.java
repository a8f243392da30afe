/**
 * The read-model store: documents by collection and id ({@link org.balintobservatory.analytics.readmodel.store.ReadModelStore},
 * in MongoDB {@link org.balintobservatory.analytics.readmodel.store.MongoReadModelStore}), versioned writes, the
 * generations a replay builds beside the live one, and the leases that let one instance at a time do a job.
 * It knows no read model and no feature.
 */
package org.balintobservatory.analytics.readmodel.store;
