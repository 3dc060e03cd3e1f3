package dev.crosstalk.testapps.springboot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A user's report, built in a list the singleton keeps and clears for every request: two requests at
 * once act on one list, and one user's report carries the other's lines.
 */
@Service
class ReportService {

    // Reused rather than allocated per report.
    private final List<String> lines = new ArrayList<>();

    /** The report of {@code user}; {@code halfway} runs between its first and its last line. */
    String report(String user, Runnable halfway) {
        lines.clear();
        lines.add("report for " + user);
        halfway.run();
        lines.add("end of report");
        return String.join("\n", lines);
    }
}
