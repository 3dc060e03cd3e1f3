package dev.crosstalk.testapps.mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape 1, the bug: a singleton keeps a {@code final} list that every request clears and refills.
 * Two requests at once each get a report with the other user's lines in it.
 */
final class ReportService {
    private final List<String> lines = new ArrayList<>();

    String report(String user, String pair) {
        lines.clear();
        lines.add("report for " + user);
        Meet.at(pair, "1");
        lines.add("end of report");
        Meet.at(pair, "2");
        return String.join("\n", lines);
    }
}
