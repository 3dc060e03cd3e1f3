package dev.crosstalk.testapps.staging;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

final class PlainText {
    private PlainText() {
    }

    static void write(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }
}
