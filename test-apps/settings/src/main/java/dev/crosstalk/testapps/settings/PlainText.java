package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

final class PlainText {

    private PlainText() {
    }

    static void send(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(body);
    }
}
