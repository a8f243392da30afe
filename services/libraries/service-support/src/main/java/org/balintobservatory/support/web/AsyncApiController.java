package org.balintobservatory.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.contract.asyncapi.AsyncApiDocument;
import org.balintobservatory.support.access.PublicEndpoint;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * The AsyncAPI 3.0 description of every topic ({@link AsyncApiDocument}), next to the service's OpenAPI
 * description: where that is {@code /api/v1/group-service/openapi}, this is {@code /api/v1/group-service/asyncapi}.
 * Like the OpenAPI description it needs no key; it says only what the public contract says.
 */
@RestController
public class AsyncApiController {

    private final String document;

    public AsyncApiController(ObjectMapper mapper) {
        this.document = AsyncApiDocument.json(mapper.copy());
    }

    @PublicEndpoint
    @GetMapping(path = "#{'${springdoc.api-docs.path:/api/v1/openapi}'.replaceFirst('/openapi$', '') + '/asyncapi'}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> asyncApi() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(document);
    }
}
