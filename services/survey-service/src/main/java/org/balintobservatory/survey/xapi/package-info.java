/**
 * xAPI 1.0.3 statements in: the subset of the Statement resource a learning record store sends when a
 * learner completes one of the consortium's instruments, and voiding (docs/xapi.md).
 */
package org.balintobservatory.survey.xapi;
