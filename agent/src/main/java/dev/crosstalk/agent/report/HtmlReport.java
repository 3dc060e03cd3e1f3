package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The report as one self-contained HTML page ({@code crosstalk-report.html}): the template
 * {@code report.html} next to this class, with the report JSON embedded in a
 * {@code <script type="application/json" id="crosstalk-data">} element that the page's own script draws,
 * and a plain list of the findings for viewers that run no scripts. The page loads nothing from anywhere,
 * and its content security policy says so to the browser.
 */
final class HtmlReport {
    static final String TEMPLATE = "report.html";
    static final String SUMMARY_SLOT = "{{plain-summary}}";
    static final String JSON_SLOT = "{{report-json}}";
    static final String HASH_SLOT = "{{script-hash}}";
    private static final String SCRIPT_START = "<script>";
    private static final String SCRIPT_END = "</script>";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String[] template;

    private HtmlReport() {
    }

    /**
     * The page for {@code reportJson} (the report object: {@code report}, {@code agent}, {@code summary},
     * {@code findings}).
     *
     * @throws IllegalArgumentException when {@code reportJson} is not a JSON object
     */
    static String render(String reportJson) {
        JsonNode root = parse(reportJson);
        String[] parts = template();
        // One pass over fixed pieces: text from the report is never searched for slots again.
        return parts[0] + PlainSummary.html(root) + parts[1] + forScriptElement(reportJson) + parts[2];
    }

    /**
     * JSON that cannot end the script element it sits in, nor open a comment there: the only places
     * valid JSON can hold {@code <}, {@code >} and {@code &} are strings, where the escapes mean the same.
     */
    static String forScriptElement(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<': out.append("\\u003c"); break;
                case '>': out.append("\\u003e"); break;
                case '&': out.append("\\u0026"); break;
                case '\u2028': out.append("\\u2028"); break;
                case '\u2029': out.append("\\u2029"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private static JsonNode parse(String reportJson) {
        if (reportJson == null) {
            throw new IllegalArgumentException("no report JSON");
        }
        try {
            JsonNode root = JSON.readTree(reportJson);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the report JSON is not an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the report JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String[] template() {
        String[] parts = template;
        if (parts == null) {
            parts = split(withScriptHash(load()));
            template = parts;
        }
        return parts;
    }

    /**
     * The page with the SHA-256 of its one plain {@code <script>} in its content security policy: the
     * browser runs that script and no other, inline event handlers included.
     */
    static String withScriptHash(String page) {
        int start = page.indexOf(SCRIPT_START);
        int end = page.indexOf(SCRIPT_END, start + 1);
        if (start < 0 || end < 0 || page.indexOf(SCRIPT_START, start + 1) >= 0 || !page.contains(HASH_SLOT)) {
            throw new IllegalStateException(TEMPLATE + " must hold one " + SCRIPT_START + " and " + HASH_SLOT);
        }
        String script = page.substring(start + SCRIPT_START.length(), end);
        return page.replace(HASH_SLOT, "sha256-" + Base64.getEncoder().encodeToString(Sha256.digest(script)));
    }

    static String[] split(String page) {
        int summary = page.indexOf(SUMMARY_SLOT);
        int json = page.indexOf(JSON_SLOT);
        if (summary < 0 || json < summary || page.indexOf(SUMMARY_SLOT, summary + 1) >= 0
                || page.indexOf(JSON_SLOT, json + 1) >= 0) {
            throw new IllegalStateException(TEMPLATE + " must hold " + SUMMARY_SLOT + " and then " + JSON_SLOT + " once each");
        }
        return new String[] {page.substring(0, summary), page.substring(summary + SUMMARY_SLOT.length(), json),
            page.substring(json + JSON_SLOT.length())};
    }

    private static String load() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing next to " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
