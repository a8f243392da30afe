package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated bad request.
 *
 * @param endpoint      the name of the endpoint it was made for
 * @param mutation      what was done to the valid request
 * @param method        HTTP method
 * @param path          path and query, already encoded
 * @param contentType   the Content-Type header, or {@code null} for none
 * @param body          the bytes sent, or {@code null} for no body
 * @param json          the mutated body while it is still a JSON object (to embed it in a batch line), else
 *                      {@code null}
 * @param expectedField the field the refusal must name, or {@code null} when the request has no field to
 *                      blame (malformed JSON, wrong content type, oversized body)
 */
public record HostileRequest(String endpoint, Mutation mutation, String method, String path, String contentType,
                             byte[] body, ObjectNode json, String expectedField) {

    public String describe() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 400),
                java.nio.charset.StandardCharsets.UTF_8);
        return endpoint + " " + mutation + " " + method + " " + path + " [" + contentType + "] " + shown;
    }
}
