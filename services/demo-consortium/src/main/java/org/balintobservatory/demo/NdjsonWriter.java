package org.balintobservatory.demo;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the plan as NDJSON for the batch endpoints instead of calling the API: one file per institution
 * ({@code <institution>.ndjson}, to be sent with that institution's key), one line per call:
 * {@code {"method":"POST","path":"/api/v1/groups","body":{...}}}, in the order the calls must be made.
 */
public final class NdjsonWriter {

    private final ObjectMapper json = new ObjectMapper();

    /** @return the number of lines written */
    public long write(Map<String, List<ApiRequest>> plan, Path directory) throws IOException {
        Files.createDirectories(directory);
        long lines = 0;
        for (Map.Entry<String, List<ApiRequest>> institution : plan.entrySet()) {
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(institution.getKey() + ".ndjson"))) {
                for (ApiRequest request : institution.getValue()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("method", request.method());
                    line.put("path", request.path());
                    line.put("body", request.body());
                    out.write(json.writeValueAsString(line));
                    out.newLine();
                    lines++;
                }
            }
        }
        return lines;
    }
}
