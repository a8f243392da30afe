/**
 * Survey responses: one aggregate per response ({@code {institutionId}/{responseId}}), the slot table that
 * keeps one live response per participant, instrument and timepoint, and the HTTP and batch entry points.
 */
package org.balintobservatory.survey.response;
