package org.balintobservatory.support.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.ParameterizableViewController;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.util.Arrays;

/**
 * Enforces the access rule of the handler Spring MVC dispatches to, before it runs. The decision is taken
 * from the resolved handler alone, never from the request path, so every spelling of a path that reaches a
 * handler is authorized as that handler is.
 *
 * <p>Access fails closed: a handler of this project must declare {@link Allowed} or {@link PublicEndpoint},
 * and of the framework's handlers only those public by nature are let through: static files (the
 * dashboard), the welcome page, the OpenAPI description, and the error page on an error dispatch. Any other
 * handler, including one a new library brings in, is refused.
 */
public class AccessInterceptor implements HandlerInterceptor {

    static final String OWN_PACKAGES = "org.balintobservatory.";
    private static final String OPENAPI_PACKAGES = "org.springdoc.";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (handler instanceof ResourceHttpRequestHandler || handler instanceof ParameterizableViewController) {
            // The dashboard's files: the same for everyone, so a cache may keep them if it asks again first.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            return true;
        }
        if (!(handler instanceof HandlerMethod method)) {
            throw new ForbiddenException("this endpoint has no access rule");
        }
        Class<?> type = method.getBeanType();
        if (ErrorController.class.isAssignableFrom(type)) {
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                return true;
            }
            // Asked for directly, the error page would report an error that never happened.
            throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), "error");
        }
        if (type.getName().startsWith(OPENAPI_PACKAGES)) {
            return true;
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class) && type.getName().startsWith(OWN_PACKAGES)) {
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
