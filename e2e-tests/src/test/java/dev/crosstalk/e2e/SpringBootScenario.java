package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring Boot app's bugs and their fixed twins, driven over HTTP: each method plays one story and
 * answers what the clients saw, so a test can assert the symptom and, next to it, the findings.
 */
final class SpringBootScenario {

    static final String APP = "springboot";
    static final String PKG = "dev.crosstalk.testapps.springboot.";

    /** Tomcat with one worker thread, so consecutive requests certainly run on the same thread. */
    static final String[] ONE_WORKER = {"--server.tomcat.threads.max=1", "--server.tomcat.threads.min-spare=1"};

    /**
     * Longer than the harness default: under the agent this app once took 29 s to start while other
     * builds shared the machine's two cores.
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Client threads of the date load: more than the machine's cores, as real traffic is. */
    static final int DATE_CLIENTS = 8;
    /** How long the static SimpleDateFormat gets to fail under load. */
    static final Duration DATE_LIMIT = Duration.ofSeconds(30);
    /** The fixed twin gets at least this many requests, and never fewer than the bug needed to fail. */
    static final int MIN_FIXED_DATE_REQUESTS = 2000;

    private static final Pattern WHOAMI = Pattern.compile("user=(\\S+) mdc=(\\S+) thread=(\\S+)");
    private static final LocalDate FIRST_DATE = LocalDate.of(1990, 1, 1);
    // Distinct dates spread over decades, so a parse mixed up with another request's shows.
    private static final int DATE_SPREAD_DAYS = 365 * 60;

    private SpringBootScenario() {
    }

    /** Starts the app under the agent (default options, JSON findings to {@code json}) with Spring Boot {@code args}. */
    static AppProcess start(Jdk jdk, Path dir, Path json, String... args) {
        Project project = Project.locate();
        return AppProcess.builder()
                .jdk(jdk)
                .jar(project.appJar(APP))
                .agentJar(project.agentJar())
                .agentOptions("json=" + json)
                .appArgs(args)
                .workDir(dir)
                .startTimeout(START_TIMEOUT)
                .start();
    }

    // ---- the controller field ----

    /**
     * Alice's search renders slowly; Bob searches meanwhile. On {@code /query} the controller singleton's
     * {@code lastQuery} field holds Bob's query by the time Alice's page is rendered.
     */
    static SymptomDriver.Overlap searches(SymptomDriver driver, boolean fixed) {
        String page = fixed ? "/fixed/query" : "/query";
        return driver.overlap(page + "?q=alice-shoes&renderMs=" + SymptomDriver.SLOW_RENDER_MS,
                page + "?q=bob-books&renderMs=0");
    }

    // ---- the singleton's list ----

    /**
     * Alice's report pauses halfway at a gate; Bob's report runs start to end meanwhile. On
     * {@code /report} the service singleton's list is cleared and refilled by Bob's request under Alice's.
     */
    static GatedClient.Pair reports(GatedClient client, boolean fixed) {
        return client.get(fixed ? "/fixed/report" : "/report", "user");
    }

    // ---- the security context and MDC ----

    /**
     * What {@code /whoami} or {@code /fixed/whoami} answered.
     *
     * @param user who the request ran as ({@code anonymous} without one)
     * @param mdc the MDC user its log lines carry ({@code null} without one)
     * @param thread the worker thread that served it
     */
    record WhoAmI(String user, String mdc, String thread) {
    }

    /** Alice's request, then an anonymous one: on one worker thread, what each was served as. */
    record Visits(WhoAmI alice, WhoAmI anonymous) {
    }

    /** Alice visits {@code /whoami} (or the fixed page), then an anonymous client does. */
    static Visits aliceThenAnonymous(SymptomDriver driver, boolean fixed) {
        String page = fixed ? "/fixed/whoami" : "/whoami";
        return new Visits(whoAmI(driver, page + "?user=alice"), whoAmI(driver, page));
    }

    private static WhoAmI whoAmI(SymptomDriver driver, String pathAndQuery) {
        String body = driver.get200(pathAndQuery);
        Matcher m = WHOAMI.matcher(body);
        assertTrue(m.matches(), why("GET " + pathAndQuery + " answers 'user=U mdc=M thread=T', not '" + body + "'",
                driver.app()));
        return new WhoAmI(m.group(1), m.group(2), m.group(3));
    }

    /** The app's log lines (stdout) of {@code WhoAmIController} for {@code page}, in order. */
    static List<String> whoAmILogLines(AppProcess app, String page) {
        List<String> lines = new ArrayList<>();
        for (String line : app.stdout().lines().toList()) {
            if (line.startsWith("APPLOG INFO WhoAmIController ") && line.contains(" - " + page + " served as ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    // ---- the static SimpleDateFormat ----

    /** The i-th date the load asks for, {@code yyyy-MM-dd}. */
    static String date(int i) {
        // A stride coprime to the spread walks through all of it before repeating.
        return FIRST_DATE.plusDays((i * 7919L) % DATE_SPREAD_DAYS).toString();
    }

    /** A date answer is right when it is 200 and names the date asked for. */
    static boolean rightDate(int i, Http.Response r) {
        return r.status() == 200 && r.body().equals("date=" + date(i));
    }

    /**
     * {@link #DATE_CLIENTS} clients ask {@code /date} to normalise distinct dates until one answer is
     * wrong (a 500 or another date) or {@link #DATE_LIMIT} passed.
     */
    static SymptomDriver.LoadRun dateLoadUntilWrong(SymptomDriver driver) {
        return driver.load(DATE_CLIENTS, i -> "/date?d=" + date(i), SpringBootScenario::rightDate,
                Integer.MAX_VALUE, DATE_LIMIT, true);
    }

    /** The same load on {@code /fixed/date} for {@code requests} requests, every answer checked. */
    static SymptomDriver.LoadRun fixedDateLoad(SymptomDriver driver, int requests) {
        return driver.load(DATE_CLIENTS, i -> "/fixed/date?d=" + date(i), SpringBootScenario::rightDate,
                requests, DATE_LIMIT.multipliedBy(2), false);
    }
}
