package dev.crosstalk.testapps.mutation;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

final class PlainText {
    private PlainText() {
    }

    static void send(HttpServletResponse resp, String body) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(body);
    }
}
