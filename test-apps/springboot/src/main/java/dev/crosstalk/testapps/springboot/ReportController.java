package dev.crosstalk.testapps.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /report?user=U&amp;pair=P ({@link ReportService}) and GET /fixed/report ({@link FixedReportService}):
 * the user's report. With {@code second=true} the request is the second of its pair: it runs while the
 * first one is halfway through its report.
 */
@RestController
class ReportController {

    private final ReportService reports;
    private final FixedReportService fixedReports;

    ReportController(ReportService reports, FixedReportService fixedReports) {
        this.reports = reports;
        this.fixedReports = fixedReports;
    }

    @GetMapping("/report")
    String report(@RequestParam("user") String user, @RequestParam("pair") String pair,
            @RequestParam(name = "second", defaultValue = "false") boolean second) {
        return second ? Pairs.asSecond(pair, () -> reports.report(user, () -> { }))
                : reports.report(user, () -> Pairs.pauseFirst(pair));
    }

    @GetMapping("/fixed/report")
    String fixedReport(@RequestParam("user") String user, @RequestParam("pair") String pair,
            @RequestParam(name = "second", defaultValue = "false") boolean second) {
        return second ? Pairs.asSecond(pair, () -> fixedReports.report(user, () -> { }))
                : fixedReports.report(user, () -> Pairs.pauseFirst(pair));
    }
}
