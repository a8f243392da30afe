/**
 * The access service: who may call the services. An administrator registers institutions
 * ({@code institution/}) and issues, lists and revokes API keys ({@code key/}); both are Axon aggregates
 * whose events are stored in PostgreSQL and published on
 * {@link org.balintobservatory.contract.Topics#ACCESS_EVENTS}, from which every service learns the keys it
 * accepts. A key's secret is returned once, by the issue request, and stored nowhere.
 */
package org.balintobservatory.access;
