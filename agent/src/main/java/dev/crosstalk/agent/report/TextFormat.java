package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import java.util.Locale;
import java.util.Map;

/** The readable block a person sees for a finding, and the one-line update that follows it. */
final class TextFormat {
    private static final int STACK_LINES = 5;

    private TextFormat() {
    }

    static String block(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append("crosstalk ").append(f.severity().label().toUpperCase(Locale.ROOT)).append(' ')
                .append(f.type().id()).append(": ").append(f.state()).append('\n');
        sb.append("  ").append(f.message()).append('\n');
        if (f.webapp() != null) {
            sb.append("  webapp: ").append(f.webapp()).append('\n');
        }
        side(sb, "writer", f.writer());
        side(sb, "reader", f.reader());
        for (Map.Entry<String, Object> d : f.details().entrySet()) {
            sb.append("  ").append(d.getKey()).append(": ").append(d.getValue()).append('\n');
        }
        sb.append("  fingerprint ").append(f.fingerprint()).append(", seen ").append(f.count())
                .append(f.count() == 1 ? " time" : " times").append(", first at ").append(f.firstSeen());
        return sb.toString();
    }

    static String update(Finding f) {
        return "crosstalk " + f.severity().label().toUpperCase(Locale.ROOT) + " " + f.type().id() + ": " + f.state()
                + " seen " + f.count() + (f.count() == 1 ? " time" : " times") + " (fingerprint " + f.fingerprint()
                + ", last at " + f.lastSeen() + ")";
    }

    private static void side(StringBuilder sb, String role, Evidence e) {
        if (e == null) {
            return;
        }
        sb.append("  ").append(role).append(": ").append(e.label());
        if (e.requestId() > 0) {
            sb.append(" (request ").append(e.requestId()).append(", thread ").append(e.thread());
            if (e.session() != null) {
                sb.append(", session ").append(e.session());
            }
            sb.append(')');
        }
        sb.append('\n').append("    at ").append(e.location()).append('\n');
        int n = 0;
        for (String frame : e.stack()) {
            if (n++ == 0 && frame.equals(e.location())) {
                continue; // the location is the top frame; don't say it twice
            }
            if (n > STACK_LINES) {
                break;
            }
            sb.append("       ").append(frame).append('\n');
        }
    }
}
