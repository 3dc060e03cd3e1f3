package dev.crosstalk.testapps.remixer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET ?song=N: the song's set list for the studio display, one line per step and a count per sample.
 * Everything it builds (the lines, the counts, the text) is made per request and never leaves it:
 * the benchmark's case for code that makes its response from local builders and collections
 * ({@code scripts/bench --path '/setlist?song=0'}).
 */
class SetlistServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Song song = Catalogue.find(req.getParameter("song"));
        if (song == null) {
            PlainText.send(resp, HttpServletResponse.SC_NOT_FOUND, "no such song");
            return;
        }
        List<String> lines = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        int step = 1;
        for (String sample : song.pattern()) {
            StringBuilder line = new StringBuilder(24);
            line.append(step++).append(". ").append(sample);
            lines.add(line.toString());
            counts.merge(sample, 1, Integer::sum);
        }
        StringBuilder body = new StringBuilder(256);
        body.append(song.title()).append(" (").append(song.tempo()).append(" bpm, ").append(song.key()).append(")\n");
        for (String line : lines) {
            body.append("  ").append(line).append('\n');
        }
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            body.append(count.getKey()).append(" x").append(count.getValue()).append('\n');
        }
        PlainText.send(resp, HttpServletResponse.SC_OK, body.toString());
    }
}
