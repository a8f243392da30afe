package org.balintobservatory.group.batch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.group.web.SchoolScope;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.batch.BatchAdmission;
import org.balintobservatory.support.batch.BatchPacing;
import org.balintobservatory.support.batch.BatchRunner;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

@RestController
@RequestMapping("/api/v1/batch")
@Tag(name = "Batch import", description = "Many group-service commands in one request, e.g. a past year")
public class BatchController {

    private final BatchImport batchImport;
    private final BatchRunner runner;
    private final BatchAdmission admission;

    public BatchController(BatchImport batchImport, BatchRunner runner, BatchAdmission admission) {
        this.batchImport = batchImport;
        this.runner = runner;
        this.admission = admission;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(consumes = BatchRunner.NDJSON, produces = BatchRunner.NDJSON)
    @Operation(requestBody = @RequestBody(required = true, description = "One JSON object per line",
            content = @Content(mediaType = BatchRunner.NDJSON, schema = @Schema(type = "string"))),
            summary = "Run one command per line (NDJSON)",
            description = "Lines run in order, each answered as on its own: a refused line stores nothing and does not "
                    + "stop the others; consecutive lines share a transaction, and a line's result is written once it "
                    + "is committed. The answer has one result per non-blank line, in order. Protocol: docs/batches.md; "
                    + "line format: docs/group-service.md, section 'Batch import'. While the read models are too far "
                    + "behind, the batch is refused whole with 429 and Retry-After, storing nothing.")
    void run(Caller caller, InputStream body, HttpServletResponse response) throws IOException {
        String institution = SchoolScope.institution(caller);
        BatchPacing pace = admission.admit();
        runner.respond(body, response, batchImport.lines(institution), pace);
    }
}
