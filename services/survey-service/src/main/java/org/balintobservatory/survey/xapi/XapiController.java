package org.balintobservatory.survey.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.survey.web.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Statement resource of an xAPI 1.0.3 learning record store, for the profile of docs/xapi.md: a school's
 * LRS or LMS forwards its statements here with the school's key. The LRS endpoint is
 * {@code /api/v1/survey-service/xapi/}. Every request names the version it speaks
 * ({@code X-Experience-API-Version: 1.0.x}) and every answer names {@code 1.0.3}.
 */
@RestController
@RequestMapping("/api/v1/survey-service/xapi/statements")
@Tag(name = "xAPI", description = "xAPI 1.0.3 statements: completed instruments and voiding")
public class XapiController {

    static final String VERSION_HEADER = "X-Experience-API-Version";
    static final String VERSION = "1.0.3";

    private final XapiStatements statements;

    public XapiController(XapiStatements statements) {
        this.statements = statements;
    }

    @Allowed(Role.SCHOOL)
    @PutMapping
    @Operation(summary = "Store one statement under the id given in statementId (204)")
    ResponseEntity<Void> put(Caller caller, @RequestHeader(value = VERSION_HEADER, required = false) String version,
                             @RequestParam String statementId, @RequestBody JsonNode statement) {
        String institution = Callers.schoolInstitution(caller);
        checkVersion(version);
        statements.validate(statement, "");
        if (!statement.get("id").asText().equalsIgnoreCase(statementId)) {
            throw new InvalidRequestException(List.of(new FieldError("statementId", "statement-id-matches",
                    "statementId " + statementId + " is not the statement's id")));
        }
        statements.store(institution, statement);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).header(VERSION_HEADER, VERSION).build();
    }

    @Allowed(Role.SCHOOL)
    @PostMapping
    @Operation(summary = "Store one statement or a list of statements; answers their ids")
    ResponseEntity<List<String>> post(Caller caller,
                                      @RequestHeader(value = VERSION_HEADER, required = false) String version,
                                      @RequestBody JsonNode body) {
        String institution = Callers.schoolInstitution(caller);
        checkVersion(version);
        List<JsonNode> list = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(list::add);
        } else {
            list.add(body);
        }
        for (int i = 0; i < list.size(); i++) {
            statements.validate(list.get(i), body.isArray() ? "[" + i + "]." : "");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode statement : list) {
            statements.store(institution, statement);
            ids.add(statement.get("id").asText().toLowerCase(Locale.ROOT));
        }
        return ResponseEntity.ok().header(VERSION_HEADER, VERSION).body(ids);
    }

    private static void checkVersion(String version) {
        if (version == null || !version.matches("1\\.0(\\.\\d+)?")) {
            throw new InvalidRequestException(List.of(new FieldError(VERSION_HEADER, "xapi-version",
                    "send " + VERSION_HEADER + ": 1.0.3 (this store speaks xAPI 1.0.x)")));
        }
    }
}
