/**
 * What aggregates and policies refuse with, and the date rules every service applies: plain Java with no
 * Spring, web or persistence types, so a domain class depends on nothing but its rules. The web layer
 * ({@code support.web.ProblemDetailsAdvice}, the batch runner) turns each refusal into problem details.
 */
package org.balintobservatory.support.domain;
