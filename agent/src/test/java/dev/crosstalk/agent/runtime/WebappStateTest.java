package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingFields;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same class in two webapps (one WAR deployed twice) is two states: fields, findings and
 * fingerprints of their own, with the webapp named; a plain application's are as they always were.
 */
class WebappStateTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, findings, 1000);

    /** {@code com.acme.LastLogin.user} of one webapp (or of the plain application, for null). */
    private final class LastLogin {
        final int write;
        final int read;

        LastLogin(String webapp) {
            StaticField user = fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;", webapp);
            write = sites.register("com.acme.LoginServlet", "doGet", "LoginServlet.java", 14, user, false, null, 0,
                    webapp);
            read = sites.register("com.acme.BannerServlet", "doGet", "BannerServlet.java", 14, user, false, null, 0,
                    webapp);
        }

        void login(String label, String user) {
            Requests.inRequest(recorder, label, () -> recorder.staticWrite(write, user, 0L));
        }

        void banner(String label, String user) {
            Requests.inRequest(recorder, label, () -> recorder.staticRead(read, user));
        }
    }

    @BeforeEach
    @AfterEach
    void noRequestOnThisThread() {
        ThreadState.get().clear();
    }

    @Test
    void sameFieldOfTwoWebappsIsTwoEntriesWithOneStateName() {
        StaticField shop = fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;", "shop");
        StaticField outlet = fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;", "outlet");
        StaticField plain = fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;");
        assertNotSame(shop, outlet);
        assertNotSame(shop, plain);
        assertSame(shop, fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;", "shop"),
                "a redeployment under the same name finds its field again");
        assertSame(plain, fields.field("com/acme/LastLogin", "user", "Ljava/lang/String;", null));
        assertEquals(List.of("com.acme.LastLogin.user", "com.acme.LastLogin.user", "com.acme.LastLogin.user"),
                List.of(shop.stateName(), outlet.stateName(), plain.stateName()));
        assertEquals(List.of("shop", "outlet"), List.of(shop.webapp(), outlet.webapp()));
        assertNull(plain.webapp());
    }

    private final LastLogin shop = new LastLogin("shop");
    private final LastLogin outlet = new LastLogin("outlet");

    @Test
    void oneWriteInEachWebappIsNoOverwriteAndEachIsReportedUnderItsWebapp() {
        aliceInShopAndBobInOutlet();
        shop.banner("GET /shop/banner", "alice");
        outlet.banner("GET /outlet/banner", "bob");

        List<Finding> all = sorted();
        assertEquals(List.of("info shop", "info outlet"), describe(all), "one state, these two would be an error");
        assertNotEquals(all.get(0).fingerprint(), all.get(1).fingerprint());
        assertEquals("shop", FindingFields.of(all.get(0)).get("webapp"));
    }

    @Test
    void theBugInOneWebappIsAnErrorThereOnly() {
        aliceInShopAndBobInOutlet();
        shop.login("GET /shop/login", "carol");
        shop.banner("GET /shop/banner", "carol");
        outlet.banner("GET /outlet/banner", "bob");

        assertEquals(List.of("error shop", "info outlet"), describe(sorted()));
    }

    @Test
    void aPlainApplicationHasNoWebappAndTheFingerprintItAlwaysHad() {
        LastLogin plain = new LastLogin(null);
        plain.login("GET /login", "alice");
        plain.login("GET /login", "carol");
        plain.banner("GET /banner", "carol");

        Finding f = sorted().get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertNull(f.webapp());
        assertEquals(false, FindingFields.of(f).containsKey("webapp"), "no webapp field for a plain application");
        assertEquals(Fingerprint.of(FindingType.CROSS_REQUEST_FLOW, "com.acme.LastLogin.user",
                "com.acme.LoginServlet.doGet:14", "com.acme.BannerServlet.doGet:14"), f.fingerprint());
    }

    private void aliceInShopAndBobInOutlet() {
        shop.login("GET /shop/login", "alice");
        outlet.login("GET /outlet/login", "bob");
    }

    private List<Finding> sorted() {
        return findings.all().stream().sorted(Comparator.comparing(Finding::firstSeen)).collect(Collectors.toList());
    }

    private static List<String> describe(List<Finding> all) {
        return all.stream().map(f -> f.severity().label() + " " + f.webapp()).collect(Collectors.toList());
    }
}
