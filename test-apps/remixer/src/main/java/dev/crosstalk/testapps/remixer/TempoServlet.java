package dev.crosstalk.testapps.remixer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GET ?song=N: a one-line tempo card for the studio display; called often, so it must stay cheap. */
class TempoServlet extends HttpServlet {

    // The label is a function of the tempo alone, so one entry per tempo serves every song.
    private static final Map<Integer, String> TEMPO_LABELS = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Song song = Catalogue.find(req.getParameter("song"));
        if (song == null || song.id() >= AppConfig.maxSongs) {
            PlainText.send(resp, HttpServletResponse.SC_NOT_FOUND, "no such song");
            return;
        }
        String label = TEMPO_LABELS.computeIfAbsent(song.tempo(), TempoServlet::label);
        PlainText.send(resp, HttpServletResponse.SC_OK,
                AppConfig.studioName + ": " + song.title() + " " + label + ", default key " + AppConfig.defaultKey);
    }

    private static String label(int bpm) {
        String marking = bpm < 76 ? "adagio" : bpm < 108 ? "andante" : bpm < 124 ? "moderato" : "allegro";
        return bpm + " bpm (" + marking + ")";
    }
}
