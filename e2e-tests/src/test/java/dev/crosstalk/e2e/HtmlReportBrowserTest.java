package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosstalk.harness.Chromium;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as a person sees it: rendered by the built agent jar's own renderer, opened in real
 * headless Chromium, and read back as the DOM after the page's script ran. The pages are kept in
 * {@code e2e-tests/target/report-samples/} to look at.
 */
class HtmlReportBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "</script><img src=x onerror=alert(1)>";
    private static final Pattern SCHEME = Pattern.compile("^\\s*[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Path SAMPLES = E2e.project().root().resolve("e2e-tests/target/report-samples");

    private static URLClassLoader agentJar;
    private static Method render;
    private static Chromium chromium;
    private static JsonNode sample;

    @BeforeAll
    static void setUp() throws Exception {
        // The renderer and its template come from the jar users get, not from the agent's classes directory.
        agentJar = new URLClassLoader(new URL[] {E2e.project().agentJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> type = Class.forName("dev.crosstalk.agent.report.HtmlReport", true, agentJar);
        assertSame(agentJar, type.getClassLoader(), "HtmlReport comes from the built jar");
        render = type.getDeclaredMethod("render", String.class);
        render.setAccessible(true);
        chromium = Chromium.locate();
        try (InputStream in = HtmlReportBrowserTest.class.getResourceAsStream("/report/sample-report.json")) {
            assertNotNull(in, "the sample report resource");
            sample = JSON.readTree(in);
        }
        Files.createDirectories(SAMPLES);
    }

    @AfterAll
    static void close() throws IOException {
        if (agentJar != null) {
            agentJar.close();
        }
    }

    @Test
    void findingsAreGroupedBySeverityThenStateWithTheirTimelines() throws Exception {
        Document dom = open("sample", sample);
        assertEquals(List.of("sev-error", "sev-warning", "sev-info"), ids(dom.select("section.severity")),
                "errors, then warnings, then info");
        for (JsonNode f : sample.path("findings")) {
            String fingerprint = f.path("fingerprint").asText();
            Element card = dom.getElementById(fingerprint);
            assertNotNull(card, "a card for " + fingerprint + "\n" + dom.body().text());
            Element section = card.closest("section.severity");
            assertEquals("sev-" + f.path("severity").asText(), section.id(), fingerprint + " sits under its severity");
            String group = card.closest(".state-group").selectFirst("h3").ownText();
            assertTrue(f.path("state").asText().startsWith(group), "the state group " + group + " holds " + f.path("state"));
            assertEquals(f.path("state").asText(), card.selectFirst(".state").text());
            assertEquals(f.path("type").asText(), card.selectFirst(".badge").text());
            assertEquals(f.path("message").asText(), card.selectFirst(".message").text());
            assertEquals(fingerprint, card.selectFirst("code.fingerprint").text());
            assertTrue(card.selectFirst(".times").text().startsWith("\u00d7" + f.path("count").asInt() + " "),
                    card.selectFirst(".times").text());
            assertTimeline(f, card);
            assertStacksAndDetails(f, card);
        }
        String header = dom.selectFirst("header.top").text();
        for (String part : List.of("agent 0.1.0-SNAPSHOT", "host staging-7", "pid 29240", "2026-11-23 14:45:02.118 UTC",
                "at shutdown")) {
            assertTrue(header.contains(part), part + " in the header: " + header);
        }
        assertEquals(List.of("5 errors", "1 warnings", "2 info", "8 findings", "212 requests seen"),
                dom.select(".tile").eachText());
        assertEquals("1 suppressed \u00b7 0 dropped (over the cap) \u00b7 0 agent errors", dom.selectFirst(".agent-health").text());
        assertTrue(dom.select("#plain").isEmpty(), "the script replaced the plain summary");
    }

    @Test
    void hostileTextIsShownAsTextAndCreatesNoElement() throws Exception {
        ObjectNode report = sample.deepCopy();
        ObjectNode f = (ObjectNode) report.path("findings").get(0);
        f.put("state", HOSTILE);
        f.put("message", "<script>alert(2)</script> and <b id=injected>bold</b>");
        ObjectNode step = (ObjectNode) f.path("timeline").get(0);
        step.put("label", "GET /<iframe src=x>").put("location", "<svg onload=alert(3)>(X.java:1)");
        ((ArrayNode) f.path("writer").path("stack")).add("<object data=x>");
        f.putObject("details").put("missing", "<img src=y>");

        Document dom = open("hostile", report);
        Element card = dom.getElementById(f.path("fingerprint").asText());
        assertNotNull(card, dom.body().text());
        assertEquals(HOSTILE, card.selectFirst(".state").text());
        assertEquals(f.path("message").asText(), card.selectFirst(".message").text());
        String first = card.selectFirst("ol.timeline > li .what").text();
        assertEquals("request #3 GET /<iframe src=x> (thread remixer-16) writes at <svg onload=alert(3)>(X.java:1)", first);
        assertTrue(dom.select("img, iframe, svg, object, #injected").isEmpty(),
                "no element from the report's text: " + dom.select("img, iframe, svg, object, #injected").outerHtml());
        assertEquals(2, dom.select("script").size(), "only the data element and the page's own script");
        assertEquals(HOSTILE, dom.select(".state-group > h3").get(0).ownText(), "the group heading shows it as text too");
    }

    @Test
    void zeroFindingsSaysSo() throws Exception {
        ObjectNode report = sample.deepCopy();
        report.putArray("findings");
        ((ObjectNode) report.path("summary")).put("findings", 0).put("error", 0).put("warning", 0).put("info", 0);
        Document dom = open("zero", report);
        assertTrue(dom.select("section.severity, article.finding").isEmpty(), dom.body().html());
        assertEquals("No findings: no request\u2019s data reached another request in 212 requests.",
                dom.selectFirst("p.empty").text());
        assertEquals(List.of("0 errors", "0 warnings", "0 info", "0 findings", "212 requests seen"), dom.select(".tile").eachText());
        assertTrue(dom.selectFirst("header.top").text().contains("pid 29240"), "the header is drawn");
    }

    @Test
    void fiveHundredFindingsAreAllDrawnInOrder() throws Exception {
        ObjectNode report = sample.deepCopy();
        ArrayNode findings = report.putArray("findings");
        String[] severities = {"info", "warning", "error"};
        for (int i = 0; i < 500; i++) {
            ObjectNode f = sample.path("findings").get(i % sample.path("findings").size()).deepCopy();
            f.put("severity", severities[i % 3]);
            f.put("state", "com.acme.Generated" + (i % 40) + ".field[key#" + Integer.toHexString(0x1000 + i) + "]");
            f.put("fingerprint", String.format("ct1-%016x", i));
            findings.add(f);
        }
        Document dom = open("many", report);
        assertEquals(500, dom.select("article.finding").size());
        assertEquals(List.of("sev-error", "sev-warning", "sev-info"), ids(dom.select("section.severity")));
        // i % 3 gave the severities: 167 info (0, 3, ... 498), 167 warnings (1 ... 499), 166 errors (2 ... 497).
        for (String severity : List.of("error", "warning", "info")) {
            Elements cards = dom.select("#sev-" + severity + " article.finding");
            assertEquals(severity.equals("error") ? 166 : 167, cards.size(), severity);
            assertTrue(cards.stream().allMatch(c -> c.hasClass(severity)), severity + " cards only");
        }
        assertEquals(40, dom.select("#sev-error .state-group").size(), "one group per state without its key");
        assertEquals("500 findings", dom.selectFirst(".toolbar .shown").text());
    }

    @Test
    void aFilterLinkShowsOnlyTheFindingsMatchingAllItsWords() throws Exception {
        Path page = write("sample", sample);
        Document one = Jsoup.parse(chromium.dumpDom(page, "filter=sampleCache"));
        assertEquals(List.of("ct1-c862ec81a938237f"), visibleCards(one));
        assertEquals("1 of 8 findings", one.selectFirst(".toolbar .shown").text());
        assertEquals(List.of("sev-error"), ids(one.select("section.severity:not([hidden])")), "groups without a match are hidden");

        // Both words occur in three findings (anywhere in a card, not necessarily in one step); the other
        // Application.settings finding ran on thread main.
        Document two = Jsoup.parse(chromium.dumpDom(page, "filter=settings-16%20READS"));
        assertEquals(List.of("ct1-9a23a0a4c197c575", "ct1-bd7f13b89f93757d", "ct1-6631158aa23b1548"), visibleCards(two),
                "every word, in any case, anywhere in the finding or its timeline");
        assertEquals(List.of("sev-error", "sev-info"), ids(two.select("section.severity:not([hidden])")));

        Document none = Jsoup.parse(chromium.dumpDom(page, "filter=nothing-matches-this"));
        assertEquals(List.of(), visibleCards(none));
        assertFalse(none.selectFirst("p.nomatch").hasAttr("hidden"), "says that nothing matches");
    }

    @Test
    void withItsScriptBlockedThePageStillListsEveryFinding() throws Exception {
        Path page = write("sample", sample);
        // A stricter policy added on top, as a CI server's artifact viewer does: the page's own script cannot run.
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("<head>"), "the page has a head to add the policy to");
        Path blocked = SAMPLES.resolve("sample-script-blocked.html");
        Files.writeString(blocked, html.replaceFirst("<head>",
                "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">"), StandardCharsets.UTF_8);
        Document dom = Jsoup.parse(chromium.dumpDom(blocked));
        assertTrue(dom.select("article.finding, header.top").isEmpty(), "the script did not run: " + dom.body().html());
        Element plain = dom.getElementById("plain");
        assertNotNull(plain, dom.body().html());
        List<String> headings = plain.select("h2").eachText();
        assertEquals(List.of("error (5)", "warning (1)", "info (2)"), headings);
        for (JsonNode f : sample.path("findings")) {
            assertTrue(plain.text().contains(f.path("state").asText()), f.path("state") + " in " + plain.text());
            assertTrue(plain.text().contains(f.path("fingerprint").asText()), f.path("fingerprint").asText());
        }
    }

    @Test
    void thePageLoadsNothingFromAnywhere() throws Exception {
        for (String name : List.of("sample", "zero")) {
            Path page = write(name + "-network", name.equals("sample") ? sample : emptied(sample));
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertFalse(html.contains("http://") || html.contains("https://"), name + ": no web URL in the page file");
            Document dom = Jsoup.parse(chromium.dumpDom(page));
            List<String> urls = new ArrayList<>();
            for (Element e : dom.select("[src], [href], [srcset], [action], [data], [poster]")) {
                for (String attr : List.of("src", "href", "srcset", "action", "data", "poster")) {
                    String v = e.attr(attr);
                    if (!v.isEmpty() && (SCHEME.matcher(v).find() || v.startsWith("//"))) {
                        urls.add(e.tagName() + " " + attr + "=" + v);
                    }
                }
            }
            assertTrue(urls.isEmpty(), name + ": no element points anywhere: " + urls);
            assertTrue(dom.select("link, iframe, img, object, embed, script[src]").isEmpty(), name + ": no element that loads");
            String styles = dom.select("style").stream().map(Element::data).collect(Collectors.joining("\n")).toLowerCase();
            assertFalse(styles.contains("@import"), name + ": no style imports");
            assertFalse(Pattern.compile("url\\(\\s*['\"]?[a-z][a-z0-9+.-]*:").matcher(styles).find()
                    || styles.contains("url(//"), name + ": no style URL with a scheme");
            assertTrue(dom.select("meta[http-equiv=Content-Security-Policy]").attr("content").startsWith("default-src 'none';"),
                    name + ": the policy forbids loading");
        }
    }

    private static void assertTimeline(JsonNode f, Element card) {
        Elements steps = card.select("ol.timeline > li");
        JsonNode timeline = f.path("timeline");
        assertEquals(timeline.size(), steps.size(), "one line per timeline entry of " + f.path("fingerprint"));
        for (int i = 0; i < timeline.size(); i++) {
            JsonNode t = timeline.get(i);
            Element li = steps.get(i);
            long id = t.path("requestId").asLong();
            String who = id > 0 ? "request #" + id + " " + t.path("label").asText() : t.path("label").asText();
            String context = "(thread " + t.path("thread").asText()
                    + (t.path("session").isNull() ? "" : ", session " + t.path("session").asText()) + ")";
            String expected = who + " " + context + " " + t.path("role").asText() + " at ";
            assertTrue(li.selectFirst(".what").text().startsWith(expected), "'" + li.text() + "' starts with '" + expected + "'");
            Element site = li.selectFirst(".site code");
            String location = t.path("location").asText();
            assertEquals(location, site.attr("title"), "the full code site on hover");
            assertTrue(location.endsWith(site.text()) && site.text().contains(".java:"), site.text() + " is the end of " + location);
            assertTrue(li.hasClass("r-" + t.path("role").asText()), li.className());
            String at = t.path("at").asText("");
            String clock = at.isEmpty() ? "" : at.substring(11, 23);
            assertEquals(clock, li.selectFirst(".when").text(), "time of step " + i);
        }
    }

    private static void assertStacksAndDetails(JsonNode f, Element card) {
        String stacks = card.select("details.stacks li").eachText().toString();
        for (String party : List.of("writer", "reader")) {
            for (JsonNode frame : f.path(party).path("stack")) {
                assertTrue(stacks.contains(frame.asText()), frame.asText() + " in the stacks of " + f.path("fingerprint"));
            }
        }
        Element details = card.selectFirst("details.more");
        if (f.path("details").size() == 0) {
            assertTrue(details == null, "no details section without details");
            return;
        }
        assertNotNull(details, "a details section for " + f.path("fingerprint"));
        f.path("details").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(e.getValue().asText());
            }
            values.forEach(v -> assertTrue(details.text().contains(v), v + " in details of " + f.path("fingerprint")));
        });
    }

    private static Document open(String name, JsonNode report) throws Exception {
        return Jsoup.parse(chromium.dumpDom(write(name, report)));
    }

    private static Path write(String name, JsonNode report) throws Exception {
        Path page = SAMPLES.resolve(name + ".html");
        try {
            Files.writeString(page, (String) render.invoke(null, JSON.writeValueAsString(report)), StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new AssertionError("HtmlReport.render failed", e.getCause());
        }
        return page;
    }

    private static JsonNode emptied(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.putArray("findings");
        return copy;
    }

    private static List<String> visibleCards(Document dom) {
        List<String> visible = new ArrayList<>();
        for (Element card : dom.select("article.finding")) {
            if (card.parents().stream().noneMatch(p -> p.hasAttr("hidden")) && !card.hasAttr("hidden")) {
                visible.add(card.id());
            }
        }
        return visible;
    }

    private static List<String> ids(Elements elements) {
        return elements.stream().map(Element::id).collect(Collectors.toList());
    }
}
