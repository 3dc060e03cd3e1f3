package dev.crosstalk.agent.report;

/** Placeholder until the real page lands: the report JSON in a pre block. */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(String reportJson) {
        return "<!doctype html><meta charset=utf-8><title>crosstalk report</title><pre>"
                + reportJson.replace("&", "&amp;").replace("<", "&lt;") + "</pre>";
    }
}
