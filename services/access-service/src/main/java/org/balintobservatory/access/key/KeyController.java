package org.balintobservatory.access.key;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.ApiKeyProperties;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.NoPersonalData;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@RestController
@Validated
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys", description = "Issue, list and revoke the keys every service accepts")
public class KeyController {

    private final KeyCommands commands;
    private final KeyTable keys;
    private final ApiKeyProperties configured;

    public KeyController(KeyCommands commands, KeyTable keys, ApiKeyProperties configured) {
        this.commands = commands;
        this.keys = keys;
        this.configured = configured;
    }

    @Allowed(Role.ADMIN)
    @PostMapping
    @Operation(summary = "Issue a key",
            description = "Answers the secret once; only its hash is stored. A SCHOOL key names a registered "
                    + "institution; RESEARCHER and ADMIN keys name none.")
    ResponseEntity<IssuedKey> issue(Caller caller, @Valid @RequestBody KeyRequests.Issue request) {
        IssuedKey issued = commands.issue(request, caller.keyId());
        return ResponseEntity.created(URI.create("/api/v1/keys/" + issued.key().keyId()))
                .cacheControl(CacheControl.noStore())
                .body(issued);
    }

    @Allowed(Role.ADMIN)
    @GetMapping
    @Operation(summary = "Keys, with when each was last used",
            description = "Issued keys and the keys in configuration; revoked keys only with includeRevoked=true.")
    List<KeyView> list(Caller caller,
                       @RequestParam(required = false)
                       @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "must be an institution id")
                       String institutionId,
                       @RequestParam(required = false) KeyRole role,
                       @RequestParam(defaultValue = "false") boolean includeRevoked) {
        List<KeyView> answer = new ArrayList<>();
        configured.keys().stream()
                .filter(k -> institutionId == null || institutionId.equals(k.institution()))
                .filter(k -> role == null || role.name().equals(k.role().name()))
                .map(commands::view)
                .forEach(answer::add);
        keys.list(institutionId, role == null ? null : role.name(), includeRevoked).stream()
                .map(k -> commands.view(k.keyId()).orElse(k))
                .forEach(answer::add);
        return answer;
    }

    @Allowed(Role.ADMIN)
    @GetMapping("/{keyId}")
    @Operation(summary = "One key, with when it was last used")
    KeyView one(Caller caller, @PathVariable String keyId) {
        return commands.view(keyId).orElseThrow(() -> new NotFoundException("no key " + keyId));
    }

    @Allowed(Role.ADMIN)
    @DeleteMapping("/{keyId}")
    @Operation(summary = "Revoke a key",
            description = "Final: no service accepts the key once this answers. Revoking a revoked key changes nothing.")
    KeyView revoke(Caller caller, @PathVariable String keyId,
                   @RequestParam(required = false)
                   @Pattern(regexp = KeyRequests.REASON, message = "must be up to 100 letters, digits, spaces and "
                           + ". _ , : ; / ( ) ' -") @NoPersonalData
                   String reason) {
        return commands.revoke(keyId, reason, caller.keyId());
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/current")
    @Operation(summary = "The key this request was sent with",
            description = "For an integration to check its key: its id, role and institution.")
    Map<String, Object> current(Caller caller) {
        return caller.institutionId() == null
                ? Map.of("keyId", caller.keyId(), "role", caller.role())
                : Map.of("keyId", caller.keyId(), "role", caller.role(), "institutionId", caller.institutionId());
    }
}
