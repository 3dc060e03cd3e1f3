package dev.crosstalk.testapps.remixer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/** GET ?song=N: remixes one song with a fresh remixer, as each job in the studio does. */
class RemixServlet extends HttpServlet {

    private final Supplier<Remixer> remixers;

    RemixServlet(Supplier<Remixer> remixers) {
        this.remixers = remixers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Song song = Catalogue.find(req.getParameter("song"));
        if (song == null) {
            PlainText.send(resp, HttpServletResponse.SC_NOT_FOUND, "no such song");
            return;
        }
        PlainText.send(resp, HttpServletResponse.SC_OK, remixers.get().remix(song));
    }
}
