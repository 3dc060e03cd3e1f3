package dev.crosstalk.testapps.springboot;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /report?user=U ({@link ReportService}) and GET /fixed/report ({@link FixedReportService}): the
 * user's report. With {@code gate=G} the report waits halfway at gate G until the test releases it.
 */
@RestController
class ReportController {

    private final ReportService reports;
    private final FixedReportService fixedReports;
    private final Gates gates;

    ReportController(ReportService reports, FixedReportService fixedReports, Gates gates) {
        this.reports = reports;
        this.fixedReports = fixedReports;
        this.gates = gates;
    }

    @GetMapping("/report")
    String report(@RequestParam("user") String user, @RequestParam(name = "gate", required = false) String gate) {
        return reports.report(user, () -> gates.pass(gate));
    }

    @GetMapping("/fixed/report")
    String fixedReport(@RequestParam("user") String user,
            @RequestParam(name = "gate", required = false) String gate) {
        return fixedReports.report(user, () -> gates.pass(gate));
    }
}
