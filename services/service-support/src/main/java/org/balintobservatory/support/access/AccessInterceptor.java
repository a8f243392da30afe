package org.balintobservatory.support.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;

/**
 * Enforces each handler's declared access rule before it runs. A handler under {@code /api/} that
 * declares no rule is refused: access fails closed.
 */
public class AccessInterceptor implements HandlerInterceptor {

    static final String OWN_PACKAGES = "org.balintobservatory.";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")
                || !method.getBeanType().getName().startsWith(OWN_PACKAGES)) {
            return true; // static resources and framework endpoints (the OpenAPI description)
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            throw new ForbiddenException("this endpoint has no access rule");
        }
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new UnauthenticatedException("send an API key as 'Authorization: Bearer <key>'");
        }
        if (Arrays.stream(allowed.value()).noneMatch(r -> r == caller.role())) {
            throw new ForbiddenException("a " + caller.role() + " key may not do this; it needs one of "
                    + Arrays.toString(allowed.value()));
        }
        if (caller.role() == Role.SCHOOL && caller.institutionId() == null) {
            throw new ForbiddenException("this SCHOOL key names no institution");
        }
        return true;
    }
}
