package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

final class Text {

    private Text() {
    }

    static void send(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(body);
    }
}
