package org.balintobservatory.demo;

import java.util.Map;

/**
 * One call of the public API, made with the institution's key.
 *
 * @param path relative to the base URL, e.g. {@code /api/v1/groups}
 * @param body the JSON body as ordered maps and lists, or {@code null} for a call without one
 */
public record ApiRequest(String institutionId, String method, String path, Map<String, Object> body) {
}
