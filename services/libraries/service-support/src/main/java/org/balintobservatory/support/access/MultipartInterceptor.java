package org.balintobservatory.support.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;
import java.util.List;

/**
 * Refuses a multipart body with 415 on every route that does not declare it in its {@code consumes}: only the
 * upload routes take {@code multipart/form-data}. Runs after {@link AccessInterceptor}, so a caller without
 * a valid key or role is refused first, and before any argument is resolved, so the body is never parsed
 * for a route that does not take it: multipart parsing is lazy ({@code StandardServletMultipartResolver}
 * with {@code resolveLazily}) and starts only when a handler's argument asks for a part or a parameter.
 */
public class MultipartInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, 10)) {
            return true;
        }
        if (handler instanceof HandlerMethod method && takesMultipart(method)) {
            return true;
        }
        throw new HttpMediaTypeNotSupportedException(MediaType.MULTIPART_FORM_DATA, List.of(MediaType.APPLICATION_JSON),
                HttpMethod.valueOf(request.getMethod()), "only the upload routes take a multipart body");
    }

    /** Whether the handler's mapping names {@code multipart/form-data} among the types it consumes. */
    static boolean takesMultipart(HandlerMethod method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.consumes())
                .anyMatch(type -> MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(MediaType.parseMediaType(type)));
    }
}
