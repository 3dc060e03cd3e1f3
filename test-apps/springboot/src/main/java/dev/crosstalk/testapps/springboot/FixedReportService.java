package dev.crosstalk.testapps.springboot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Like {@link ReportService}, with the list made per report. */
@Service
class FixedReportService {

    /** The report of {@code user}; {@code halfway} runs between its first and its last line. */
    String report(String user, Runnable halfway) {
        List<String> lines = new ArrayList<>();
        lines.add("report for " + user);
        halfway.run();
        lines.add("end of report");
        return String.join("\n", lines);
    }
}
