package org.balintobservatory.support.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses bodies over the documented limits with 413: by the declared length before reading, and by
 * counting while reading when no length was declared.
 */
public class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBody;
    private final long maxBatchBody;

    public RequestSizeFilter(long maxBody, long maxBatchBody) {
        this.maxBody = maxBody;
        this.maxBatchBody = maxBatchBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        long limit = isBatch(contentType) ? maxBatchBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            Problems.write(response, 413, "too-large", "Request body too large",
                    "the body is " + request.getContentLengthLong() + " bytes; the limit is " + limit);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /**
     * Bodies of many records: NDJSON batches and spreadsheet uploads (CSV, {@code .xlsx}, or either as the file
     * of a form, {@code multipart/form-data}, which only the upload routes take).
     */
    static boolean isBatch(String contentType) {
        return contentType != null && (contentType.startsWith("application/x-ndjson")
                || contentType.startsWith("text/csv")
                || contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)
                || contentType.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    /** The body is too large; thrown while reading a body that declared no length. */
    public static class BodyTooLargeException extends IOException {
        public BodyTooLargeException(long limit) {
            super("the request body exceeds the limit of " + limit + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
