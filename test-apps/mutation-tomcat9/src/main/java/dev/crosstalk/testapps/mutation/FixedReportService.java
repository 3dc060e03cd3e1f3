package dev.crosstalk.testapps.mutation;

import java.util.ArrayList;
import java.util.List;

/** Shape 1, fixed: the list is made per call. */
final class FixedReportService {

    String report(String user, String pair) {
        List<String> lines = new ArrayList<>();
        lines.add("report for " + user);
        Meet.at(pair, "1");
        lines.add("end of report");
        Meet.at(pair, "2");
        return String.join("\n", lines);
    }
}
