package dev.crosstalk.testapps.names;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

final class PlainText {

    private PlainText() {
    }

    static void send(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(body);
    }
}
