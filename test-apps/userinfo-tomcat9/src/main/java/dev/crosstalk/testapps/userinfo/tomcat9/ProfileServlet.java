package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /profile: the public URL; rendering lives in {@link RenderProfileServlet}. */
class ProfileServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.getRequestDispatcher("/render-profile").forward(req, resp);
    }
}
