package org.balintobservatory.support.access;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Problem details written by servlet filters, before Spring MVC's exception handling is reachable. */
final class Problems {

    private Problems() {
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://balintobservatory.org/problems/" + type + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
    }
}
