package org.balintobservatory.support.upload;

import jakarta.servlet.http.HttpServletRequest;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The file of an upload route: the body itself ({@code text/csv}, {@code .xlsx}), or the part {@code file} of
 * a form ({@code multipart/form-data}), as a browser sends a file input. Only the upload routes take a form
 * ({@code MultipartInterceptor}); its parts are parsed here, on the handler's first look at them, after the
 * access rules have run, within the upload size limit.
 */
public final class UploadBody {

    /** The name of the form's part that holds the file. */
    public static final String PART = "file";

    private UploadBody() {
    }

    public static InputStream open(HttpServletRequest request) throws IOException {
        MultipartHttpServletRequest form = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (form == null) {
            return request.getInputStream();
        }
        MultipartFile file = form.getFile(PART);
        if (file == null) {
            throw new InvalidRequestException(List.of(new FieldError(PART, "required",
                    "a form upload carries the sheet as its part '" + PART + "'")));
        }
        return file.getInputStream();
    }
}
