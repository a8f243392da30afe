/**
 * The analytics service, one package per stage the data passes through:
 * <ul>
 *   <li>{@code ingest}: the CloudEvents topics consumed and decoded, each batch handed to the projection;</li>
 *   <li>{@code projection}: the events applied to the read models, one handler per read model;</li>
 *   <li>{@code readmodel}: the MongoDB store and every read model's documents, one subpackage each;</li>
 *   <li>{@code release}: what a caller may read: the data releases cut from the read models, which of them (or
 *       which live data) a caller reads ({@code release.scope}), and what disclosure control withholds
 *       ({@code release.disclosure});</li>
 *   <li>{@code replay}: the read models rebuilt from the topics;</li>
 *   <li>{@code answer}: the API, one subpackage per question it answers.</li>
 * </ul>
 * Each stage depends only on the ones before it; the application class and its configuration stay here.
 */
package org.balintobservatory.analytics;
