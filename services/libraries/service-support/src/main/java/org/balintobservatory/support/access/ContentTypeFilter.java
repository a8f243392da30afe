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
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header != null) {
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
            return null;
        } catch (InvalidMediaTypeException e) {
            return "the Content-Type is not a media type; send the body as application/json";
        }
    }
}
