/**
 * Spreadsheet uploads (CSV in UTF-8 with or without BOM or Windows-1252, and {@code .xlsx}) turned into the
 * lines of the batch protocol: the header checked against the endpoint's template, each row one line, the
 * answer the batch answer with one result per row.
 */
package org.balintobservatory.support.upload;
