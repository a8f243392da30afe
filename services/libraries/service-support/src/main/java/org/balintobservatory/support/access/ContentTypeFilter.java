package org.balintobservatory.support.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses with 415 a body whose {@code Content-Type} names no type: a wildcard ({@code *}{@code /*},
 * {@code application/*}) or something that is not a media type at all. A body has one type; a wildcard
 * belongs in {@code Accept}. Spring MVC cannot read such a header as a request's type and would fail with
 * 500 on every endpoint that reads a body.
 *
 * <p>Of the multipart types only {@code multipart/form-data} is taken, and only by the upload routes
 * ({@link MultipartInterceptor}): any other multipart type is refused here with 415, and a multipart type
 * without its {@code boundary} parameter, which no parser can split, with 400. Both are decided from the
 * header alone, before any of the body is read.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header != null) {
            String malformed = malformedMultipart(header);
            if (malformed != null) {
                Problems.write(response, 400, "malformed-multipart", "The multipart body cannot be split", malformed);
                return;
            }
            String problem = problem(header);
            if (problem != null) {
                Problems.write(response, 415, "unsupported-media-type", "The body's Content-Type is not accepted",
                        problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static String problem(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return "a body's Content-Type names one type, such as application/json; a wildcard belongs in Accept";
            }
            if (isMultipart(type) && !MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)) {
                return "of the multipart types only multipart/form-data is taken, and only by the upload routes";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return "the Content-Type is not a media type; send the body as application/json";
        }
    }

    /** @return why a multipart type cannot be parsed, or {@code null} if it is no multipart type or has a boundary */
    static String malformedMultipart(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            String boundary = type.getParameter("boundary");
            if (isMultipart(type) && (boundary == null || boundary.isBlank() || boundary.equals("\"\""))) {
                return "a multipart Content-Type names the boundary between its parts: "
                        + "multipart/form-data; boundary=...";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    static boolean isMultipart(MediaType type) {
        return "multipart".equalsIgnoreCase(type.getType());
    }
}
