package dev.crosstalk.e2e;

/**
 * The greeting pages of {@code test-apps/names-tomcat9} (javax.servlet on Tomcat 9): the classic mutable
 * servlet field and its fixed twin, driven over HTTP.
 */
final class NamesScenario {

    static final String APP = "names-tomcat9";
    static final String PKG = "dev.crosstalk.testapps.names.";

    private NamesScenario() {
    }

    /**
     * Alice's greeting renders slowly; Bob's page is served meanwhile. On {@code /hello} the servlet's
     * {@code name} field holds Bob's name by the time Alice's page is written.
     */
    static SymptomDriver.Overlap greetings(SymptomDriver driver, boolean fixed) {
        String page = fixed ? "/fixed/hello" : "/hello";
        return driver.overlap(page + "?name=alice&renderMs=" + SymptomDriver.SLOW_RENDER_MS,
                page + "?name=bob&renderMs=0");
    }
}
