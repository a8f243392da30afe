/**
 * The read models: what the projection keeps in MongoDB for the answers, one subpackage per read model
 * ({@code group}, {@code institution}, {@code participant}, {@code programme}, {@code unit}), the list of data
 * releases cut ({@code release}) and the store they are all kept in ({@code store}). A read model knows neither
 * the projection that writes it nor anything that reads it.
 */
package org.balintobservatory.analytics.readmodel;
