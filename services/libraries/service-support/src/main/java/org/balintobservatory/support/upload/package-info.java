/**
 * Spreadsheet uploads (CSV in UTF-8 with or without BOM or Windows-1252, and {@code .xlsx}) turned into the
 * lines of the batch protocol: the file read as a stream within {@link org.balintobservatory.support.upload.SheetLimits}
 * (every limit checked while reading), the header checked against the endpoint's template as soon as it is
 * read, each row one line, the answer the batch answer with one result per row.
 */
package org.balintobservatory.support.upload;
