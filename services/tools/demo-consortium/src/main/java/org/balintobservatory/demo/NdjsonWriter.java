package org.balintobservatory.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the plan as NDJSON for the batch endpoints instead of calling the API, two files per institution,
 * each to be sent with that institution's key and in this order:
 * <ul>
 *   <li>{@code <institution>.groups.ndjson} for {@code POST /api/v1/batch}: one {@code op} line per call
 *       (docs/group-service.md);</li>
 *   <li>{@code <institution>.surveys.ndjson} for {@code POST /api/v1/survey-responses/batch}: one
 *       submission per line (docs/survey-responses.md).</li>
 * </ul>
 */
public final class NdjsonWriter {

    private static final Pattern MEMBER = Pattern.compile("/api/v1/groups/([^/]+)/members/([^/?]+)(?:\\?withdrewOn=(.+))?");
    private static final Pattern SESSIONS = Pattern.compile("/api/v1/groups/([^/]+)/sessions");

    private final ObjectMapper json = new ObjectMapper();

    /**
     * One institution's batch lines, each list in the order it must be sent.
     *
     * @param groups  lines for {@code POST /api/v1/batch}
     * @param surveys lines for {@code POST /api/v1/survey-responses/batch}
     */
    public record Lines(List<String> groups, List<String> surveys) {
    }

    /** @return the number of lines written */
    public long write(Map<String, List<ApiRequest>> plan, Path directory) throws IOException {
        Files.createDirectories(directory);
        long lines = 0;
        for (Map.Entry<String, List<ApiRequest>> institution : plan.entrySet()) {
            Lines split = lines(institution.getValue());
            Files.write(directory.resolve(institution.getKey() + ".groups.ndjson"), split.groups());
            Files.write(directory.resolve(institution.getKey() + ".surveys.ndjson"), split.surveys());
            lines += split.groups().size() + split.surveys().size();
        }
        return lines;
    }

    /** Every institution's calls as batch lines, in memory, in the plan's order of institutions. */
    public static Map<String, Lines> byInstitution(Map<String, List<ApiRequest>> plan) throws JsonProcessingException {
        NdjsonWriter writer = new NdjsonWriter();
        Map<String, Lines> lines = new LinkedHashMap<>();
        for (Map.Entry<String, List<ApiRequest>> institution : plan.entrySet()) {
            lines.put(institution.getKey(), writer.lines(institution.getValue()));
        }
        return lines;
    }

    /** One institution's calls as batch lines, in memory: what a load generator sends without files. */
    public Lines lines(List<ApiRequest> calls) throws JsonProcessingException {
        List<String> groups = new ArrayList<>();
        List<String> surveys = new ArrayList<>();
        for (ApiRequest request : calls) {
            if (request.path().equals(ApiPlan.SURVEY_RESPONSES)) {
                surveys.add(json.writeValueAsString(request.body()));
            } else {
                groups.add(json.writeValueAsString(batchLine(request)));
            }
        }
        return new Lines(List.copyOf(groups), List.copyOf(surveys));
    }

    /** The group batch line equivalent to one call of the group API. */
    static Map<String, Object> batchLine(ApiRequest request) {
        Map<String, Object> line = new LinkedHashMap<>();
        String path = request.path();
        Matcher member = MEMBER.matcher(path);
        Matcher sessions = SESSIONS.matcher(path);
        if (path.equals(ApiPlan.PROGRAMMES)) {
            line.put("op", "registerProgramme");
            line.putAll(request.body());
        } else if (path.equals(ApiPlan.GROUPS)) {
            line.put("op", "formGroup");
            line.putAll(request.body());
        } else if (member.matches() && request.method().equals("PUT")) {
            line.put("op", "enrol");
            line.put("groupId", member.group(1));
            line.put("participantId", member.group(2));
            line.putAll(request.body());
        } else if (member.matches() && request.method().equals("DELETE")) {
            line.put("op", "withdraw");
            line.put("groupId", member.group(1));
            line.put("participantId", member.group(2));
            line.put("withdrewOn", member.group(3));
        } else if (sessions.matches()) {
            line.put("op", "recordSession");
            line.put("groupId", sessions.group(1));
            line.putAll(request.body());
        } else {
            throw new IllegalArgumentException("no batch line for " + request.method() + " " + path);
        }
        return line;
    }
}
