package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page as written, before any browser runs it: the report's data gets in intact and cannot break
 * out of its script element, text is escaped where no script runs, and nothing is loaded from anywhere.
 * What the page looks like after its script ran is checked in real Chromium by HtmlReportBrowserTest.
 */
class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!-- {{report-json}} {{plain-summary}}";
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"crosstalk-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void embedsTheReportSoThatItParsesBackUnchanged() throws Exception {
        ObjectNode report = report(finding("cross-request-flow", "error", "com.acme.Cache.map[key#6b34]"));
        String page = HtmlReport.render(report.toString());
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertEquals(report, JSON.readTree(embedded(page)));
    }

    @Test
    void hostileTextCannotLeaveTheDataElementNorBecomeMarkup() throws Exception {
        ObjectNode f = finding("reset-during-use", "error", HOSTILE);
        f.put("message", "line\u2028separator & <b>bold</b> " + HOSTILE);
        ((ObjectNode) f.path("writer")).put("label", "<iframe src=//evil>");
        ObjectNode report = report(f);
        String page = HtmlReport.render(report.toString());

        String data = embedded(page);
        assertFalse(data.contains("<") || data.contains(">") || data.contains("&") || data.contains("\u2028"), data);
        assertEquals(report, JSON.readTree(data), "the escapes mean the same JSON");
        assertEquals(2, count(page, "</script>"), "only the data element and the page's script end a script");
        assertEquals(0, count(page, "<img"), "no image element anywhere");
        assertEquals(0, count(page, "<iframe"), "no frame element anywhere");
        assertTrue(page.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), "the plain summary shows the state as text");
        assertTrue(page.contains("&lt;b&gt;bold&lt;/b&gt;"), "and the message");
    }

    @Test
    void reportTextIsNeverTakenForATemplateSlot() throws Exception {
        ObjectNode report = report(finding("cross-request-flow", "info", HOSTILE));
        String page = HtmlReport.render(report.toString());
        assertEquals(report, JSON.readTree(embedded(page)));
        assertEquals(1, count(page, "id=\"crosstalk-data\""), "one data element");
        assertEquals(2, count(page, "{{report-json}}"), "the slot text of the state, as it is, in the plain summary and the data");
        assertEquals(2, count(page, "{{plain-summary}}"), "the same for the other slot");
    }

    @Test
    void thePlainSummaryListsFindingsBySeverityWithTheirTimelines() {
        ObjectNode info = finding("cross-request-flow", "info", "com.acme.Counter.hits");
        ObjectNode error = finding("partial-init-read", "error", "com.acme.Settings.current[key#d0d6]");
        ObjectNode warning = finding("publish-then-populate", "warning", "com.acme.Settings.current");
        String page = HtmlReport.render(report(info, error, warning).toString());
        String plain = page.substring(page.indexOf("<div id=\"plain\""), page.indexOf("<script type=\"application/json\""));
        int e = plain.indexOf("com.acme.Settings.current[key#d0d6]");
        int w = plain.indexOf("<code>com.acme.Settings.current</code>");
        int i = plain.indexOf("com.acme.Counter.hits");
        assertTrue(e > 0 && e < w && w < i, "error, then warning, then info: " + plain);
        assertTrue(plain.contains("request #3 GET /remix (thread qtp-12) writes at <code>com.acme.X.run(X.java:20)</code>"), plain);
        assertTrue(plain.contains("212 requests; 3 findings"), plain);
    }

    @Test
    void zeroFindingsIsAPage() throws Exception {
        ObjectNode report = report();
        String page = HtmlReport.render(report.toString());
        assertEquals(report, JSON.readTree(embedded(page)));
        assertTrue(page.contains("212 requests; 0 findings"), page);
    }

    @Test
    void thePageLoadsNothing() {
        String page = HtmlReport.render(report(finding("cross-request-flow", "error", "com.acme.Cache.map")).toString());
        assertFalse(page.contains("://"), "no absolute URL of any scheme");
        assertFalse(page.toLowerCase().contains("@import"), "no style imports");
        assertFalse(page.toLowerCase().contains("url("), "no style URLs");
        assertFalse(Pattern.compile("<(link|img|iframe|object|embed|audio|video|source)\\b", Pattern.CASE_INSENSITIVE)
                .matcher(page).find(), "no elements that load");
        assertFalse(Pattern.compile("<script[^>]*\\ssrc=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "no script files");
        assertTrue(page.contains("content=\"default-src 'none'; script-src 'sha256-"),
                "and the browser is told so by the page's policy, which runs only the page's own script");
        assertFalse(page.contains("{{"), "no slot left unfilled");
    }

    @Test
    void thePolicyNamesTheHashOfThePagesOwnScript() throws Exception {
        String page = HtmlReport.withScriptHash("<meta content=\"script-src '{{script-hash}}'\"><script>go()</script>");
        // echo -n 'go()' | sha256sum | xxd -r -p | base64
        assertEquals("<meta content=\"script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='\"><script>go()</script>", page);
        assertThrows(IllegalStateException.class, () -> HtmlReport.withScriptHash("<script>a()</script>"));
        assertThrows(IllegalStateException.class,
                () -> HtmlReport.withScriptHash("{{script-hash}}<script>a()</script><script>b()</script>"));
    }

    @Test
    void refusesWhatIsNotAReport() {
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render("{\"findings\": ["));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render("[]"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(null));
    }

    @Test
    void aTemplateWithoutItsSlotsOnceEachIsRefused() {
        assertThrows(IllegalStateException.class, () -> HtmlReport.split("<p>{{report-json}}</p>"));
        assertThrows(IllegalStateException.class, () -> HtmlReport.split("{{report-json}} {{plain-summary}}"));
        assertThrows(IllegalStateException.class,
                () -> HtmlReport.split("{{plain-summary}} {{report-json}} {{report-json}}"));
        assertEquals(3, HtmlReport.split("a{{plain-summary}}b{{report-json}}c").length);
    }

    private static ObjectNode report(ObjectNode... findings) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("report").put("generatedAt", "2026-11-23T10:00:00Z").put("trigger", "shutdown");
        root.putObject("agent").put("version", "0.1.0").put("host", "h").put("pid", 123);
        ObjectNode summary = root.putObject("summary").put("requests", 212).put("findings", findings.length);
        for (String severity : new String[] {"error", "warning", "info"}) {
            summary.put(severity, (int) java.util.Arrays.stream(findings)
                    .filter(f -> severity.equals(f.path("severity").asText())).count());
        }
        summary.put("suppressed", 0).put("dropped", 0).put("agentErrors", 0);
        ArrayNode list = root.putArray("findings");
        for (ObjectNode f : findings) {
            list.add(f);
        }
        return root;
    }

    private static ObjectNode finding(String type, String severity, String state) {
        ObjectNode f = JSON.createObjectNode().put("type", type).put("severity", severity).put("state", state)
                .put("fingerprint", "ct1-0123456789abcdef").put("message", "why it was judged so").put("count", 3)
                .put("firstSeen", "2026-11-23T10:00:00.123Z").put("lastSeen", "2026-11-23T10:00:01.456Z");
        ObjectNode writer = f.putObject("writer").put("requestId", 3).put("label", "GET /remix").put("thread", "qtp-12")
                .putNull("session").put("location", "com.acme.X.run(X.java:20)");
        writer.putArray("stack").add("com.acme.X.run(X.java:20)");
        f.putNull("reader");
        f.putArray("timeline").addObject().put("role", "writes").put("requestId", 3).put("label", "GET /remix")
                .put("thread", "qtp-12").putNull("session").put("location", "com.acme.X.run(X.java:20)");
        return f;
    }

    private static String embedded(String page) {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "a data element");
        return m.group(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
