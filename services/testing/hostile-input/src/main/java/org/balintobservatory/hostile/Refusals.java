package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Judges the answers to bad requests and keeps count of them. A bad request must be refused with a 4xx
 * status and RFC 9457 problem details that have a {@code type}; a refusal for a field's value
 * (400 or 422) lists {@code errors}, one of which names that field (or the object or list it is in).
 */
public final class Refusals {

    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byMutation = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, LongAdder> failuresByMutation = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();

    /**
     * Records one refusal as the service gave it.
     *
     * @param problem the problem details, or {@code null} when the answer was not JSON
     */
    public synchronized void record(HostileRequest request, int status, String contentType, JsonNode problem) {
        sent.increment();
        byStatus.computeIfAbsent(String.valueOf(status), s -> new LongAdder()).increment();
        byMutation.computeIfAbsent(request.mutation().name(), s -> new LongAdder()).increment();
        String failure = judge(request.expectedField(), status, contentType, problem);
        if (failure == null) {
            return;
        }
        failuresByMutation.computeIfAbsent(request.mutation().name(), s -> new LongAdder()).increment();
        if (failures.size() < 50) {
            failures.add(failure + " <- " + request.describe());
        }
    }

    /** Why the answer is not an acceptable refusal, or {@code null} when it is. */
    public static String judge(String expectedField, int status, String contentType, JsonNode problem) {
        if (status < 400 || status >= 500) {
            return "status " + status + " " + problem;
        }
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "content type " + contentType + " for status " + status;
        }
        if (problem == null || !problem.path("type").isTextual() || problem.path("type").asText().isBlank()) {
            return "no problem type: " + problem;
        }
        if (problem.path("status").asInt() != status) {
            return "problem status " + problem.path("status") + " for status " + status;
        }
        if (expectedField == null || (status != 400 && status != 422)) {
            return null;
        }
        JsonNode errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return "no errors naming " + expectedField + ": " + problem;
        }
        for (JsonNode error : errors) {
            if (names(error.path("field").asText(null), expectedField)) {
                return null;
            }
        }
        return "errors do not name " + expectedField + ": " + errors;
    }

    /** {@code design} names {@code design.plannedSize}; {@code items.3} names {@code items}. */
    static boolean names(String field, String expected) {
        if (field == null) {
            return false;
        }
        return field.equals(expected) || related(field, expected) || related(expected, field);
    }

    private static boolean related(String parent, String child) {
        return !parent.isEmpty() && (child.startsWith(parent + ".") || child.startsWith(parent + "["));
    }

    public long sent() {
        return sent.sum();
    }

    /** The first 50 answers that were not acceptable refusals, with the request that drew them. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Requests per status and per mutation, for the test's output. */
    public String histogram() {
        String histogram = "by status " + sorted(byStatus) + "\nby mutation " + sorted(byMutation);
        return failuresByMutation.isEmpty() ? histogram
                : histogram + "\nnot acceptable, by mutation " + sorted(failuresByMutation);
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }
}
