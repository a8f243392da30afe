package org.balintobservatory.group.batch;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.balintobservatory.group.web.GroupServiceProblems;
import org.balintobservatory.group.web.SchoolScope;
import org.balintobservatory.support.access.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

@RestController
@RequestMapping("/api/v1/batch")
@Tag(name = "Batch import", description = "Many group-service commands in one request, e.g. a past year")
public class BatchController {

    public static final String NDJSON = "application/x-ndjson";

    private final BatchImport batchImport;
    private final BatchProperties properties;

    public BatchController(BatchImport batchImport, BatchProperties properties) {
        this.batchImport = batchImport;
        this.properties = properties;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(consumes = NDJSON)
    @Operation(summary = "Run one command per line (NDJSON)",
            description = "Lines run in order, each on its own: a refused line stores nothing and does not stop the "
                    + "others. The answer has one result per non-blank line, in order. Line format: docs/group-service.md, section 'Batch import'.")
    ResponseEntity<String> run(Caller caller, InputStream body) throws IOException {
        String institution = SchoolScope.institution(caller);
        long maxBytes = properties.maxBody().toBytes();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            return tooLarge("the body is larger than " + properties.maxBody() + "; split the import");
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.size() > properties.maxLines()) {
            return tooLarge("the body has more than " + properties.maxLines() + " lines; split the import");
        }
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            LineResult result = batchImport.run(institution, i + 1, lines.get(i));
            answer.append(batchImport.write(result)).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(answer.toString());
    }

    private ResponseEntity<String> tooLarge(String detail) {
        ProblemDetail problem = GroupServiceProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "batch-too-large",
                "The batch is too large", detail);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(batchImport.write(problem));
    }
}
