package org.balintobservatory.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a {@link Caller} controller parameter from {@code Authorization: Bearer <key>}, comparing the
 * key's SHA-256 with the configured hashes.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final Map<String, ApiKeyProperties.Key> keysByHash;

    public CallerArgumentResolver(ApiKeyProperties properties) {
        this.keysByHash = properties.keys().stream()
                .collect(Collectors.toUnmodifiableMap(k -> k.sha256().toLowerCase(), Function.identity()));
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("send an API key as 'Authorization: Bearer <key>'");
        }
        ApiKeyProperties.Key key = keysByHash.get(sha256(header.substring(7).trim()));
        if (key == null) {
            throw new UnauthenticatedException("the API key is not known or was revoked");
        }
        return new Caller(key.id(), key.institution(), key.role());
    }

    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
