package dev.crosstalk.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report's findings as plain, escaped HTML: what the page shows where its script does not run.
 * Script-less viewers often block styles too, so this is structure only.
 */
final class PlainSummary {
    private static final List<String> SEVERITIES = Arrays.asList("error", "warning", "info");

    private PlainSummary() {
    }

    static String html(JsonNode root) {
        JsonNode report = root.path("report");
        JsonNode agent = root.path("agent");
        JsonNode summary = root.path("summary");
        List<JsonNode> findings = new ArrayList<>();
        root.path("findings").forEach(f -> {
            if (f.isObject()) {
                findings.add(f);
            }
        });
        StringBuilder out = new StringBuilder(256 + findings.size() * 512);
        out.append("<h1>crosstalk report</h1>\n<p>agent ").append(text(agent, "version")).append(" on ")
                .append(text(agent, "host")).append(" (pid ").append(text(agent, "pid")).append("), generated ")
                .append(text(report, "generatedAt")).append(" (").append(text(report, "trigger")).append(").</p>\n");
        out.append("<p>").append(number(summary, "requests")).append(" requests; ").append(findings.size())
                .append(" findings: ").append(number(summary, "error")).append(" error, ")
                .append(number(summary, "warning")).append(" warning, ").append(number(summary, "info"))
                .append(" info; ").append(number(summary, "suppressed")).append(" suppressed, ")
                .append(number(summary, "dropped")).append(" dropped, ").append(number(summary, "agentErrors"))
                .append(" agent errors.</p>\n");
        if (summary.path("agentErrorsCaught").size() > 0) {
            out.append("<ul class=\"agent-errors\">\n");
            summary.path("agentErrorsCaught").forEach(e -> out.append("<li>").append(escape(e.asText())).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<p>Scripts do not run here, so this is the plain list; the timelines are drawn by the page's"
                + " script in a browser.</p>\n");
        for (String severity : severities(findings)) {
            appendGroup(out, severity, findings);
        }
        return out.toString();
    }

    private static Set<String> severities(List<JsonNode> findings) {
        Set<String> order = new LinkedHashSet<>(SEVERITIES);
        for (JsonNode f : findings) {
            order.add(f.path("severity").asText("unknown"));
        }
        return order;
    }

    private static void appendGroup(StringBuilder out, String severity, List<JsonNode> findings) {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode f : findings) {
            if (severity.equals(f.path("severity").asText("unknown"))) {
                mine.add(f);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        mine.sort(Comparator.comparing((JsonNode f) -> f.path("state").asText("")));
        out.append("<h2>").append(escape(severity)).append(" (").append(mine.size()).append(")</h2>\n<ul>\n");
        for (JsonNode f : mine) {
            out.append("<li><strong>").append(text(f, "type")).append("</strong> <code>").append(text(f, "state"))
                    .append("</code> \u00d7").append(number(f, "count")).append("<br>").append(text(f, "message"))
                    .append("<br>fingerprint <code>").append(text(f, "fingerprint")).append("</code>");
            appendTimeline(out, f.path("timeline"));
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void appendTimeline(StringBuilder out, JsonNode timeline) {
        if (!timeline.isArray() || timeline.size() == 0) {
            return;
        }
        out.append("<ol>");
        for (JsonNode step : timeline) {
            long id = step.path("requestId").asLong(0);
            out.append("<li>").append(id > 0 ? "request #" + id + " " : "").append(text(step, "label"))
                    .append(" (thread ").append(text(step, "thread")).append(") ").append(text(step, "role"))
                    .append(" at <code>").append(text(step, "location")).append("</code></li>");
        }
        out.append("</ol>");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "?" : escape(v.isValueNode() ? v.asText() : v.toString());
    }

    private static long number(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
