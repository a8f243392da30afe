/**
 * Who may call what. Every request's API key is resolved once, by {@link
 * org.balintobservatory.support.access.ApiKeyFilter}, into a {@link org.balintobservatory.support.access.Caller};
 * every handler declares the roles it serves with {@link org.balintobservatory.support.access.Allowed} (or is
 * {@link org.balintobservatory.support.access.PublicEndpoint}), and
 * {@link org.balintobservatory.support.access.AccessInterceptor} refuses a handler that declares neither:
 * access fails closed, so a new endpoint without a rule cannot be reached.
 */
package org.balintobservatory.support.access;
