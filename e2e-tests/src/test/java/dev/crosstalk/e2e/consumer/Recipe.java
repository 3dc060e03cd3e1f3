package dev.crosstalk.e2e.consumer;

/**
 * The recipes of docs/junit.md, each a consumer project under {@code src/test/resources/consumer}: its POM
 * ({@code poms/<name>.xml}) and its tests ({@code gated/}: {@code @CrosstalkGate} on the classes;
 * {@code autodetect/}: no annotation, {@code junit-platform.properties}).
 */
enum Recipe {
    /** {@code -javaagent:} with the path of the agent jar. */
    LITERAL_PATH("literal-path", "gated", false, false),
    /** The agent as a test dependency, its path from the dependency plugin, kept off the class path. */
    REPOSITORY("repository", "gated", true, false),
    /** JaCoCo's {@code prepare-agent} sets {@code argLine}; Surefire's {@code @{argLine}} keeps it. */
    JACOCO("jacoco", "gated", false, true),
    /** Every test gated through JUnit's extension auto-detection, no annotation. */
    AUTODETECT("autodetect", "autodetect", false, false);

    final String pom;
    final String tests;
    final boolean agentFromRepository;
    final boolean jacoco;

    Recipe(String pom, String tests, boolean agentFromRepository, boolean jacoco) {
        this.pom = pom;
        this.tests = tests;
        this.agentFromRepository = agentFromRepository;
        this.jacoco = jacoco;
    }

    /** Where the gate says its threshold came from, in the failure of the leaky test. */
    String thresholdSource() {
        return tests.equals("autodetect") ? "configuration parameter crosstalk.junit.failOn"
                : "@CrosstalkGate on com.acme.shop.LeakyProfileTest";
    }
}
