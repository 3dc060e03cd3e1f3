package dev.crosstalk.e2e.consumer;

/**
 * The recipes of docs/junit.md, each a consumer project under {@code e2e-tests/consumer}: its POM
 * ({@code poms/<name>.xml}) and the shared tests, with {@code @CrosstalkGate} on the class or, for
 * auto-detection, without it and with {@code autodetect/}'s {@code junit-platform.properties}.
 */
enum Recipe {
    /** {@code -javaagent:} with the path of the agent jar. */
    LITERAL_PATH("literal-path", true, false, false),
    /** The agent as a test dependency, its path from the dependency plugin, kept off the class path. */
    REPOSITORY("repository", true, true, false),
    /** JaCoCo's {@code prepare-agent} sets {@code argLine}; Surefire's {@code @{argLine}} keeps it. */
    JACOCO("jacoco", true, false, true),
    /** Every test gated through JUnit's extension auto-detection, no annotation. */
    AUTODETECT("autodetect", false, false, false);

    final String pom;
    final boolean annotated;
    final boolean agentFromRepository;
    final boolean jacoco;

    Recipe(String pom, boolean annotated, boolean agentFromRepository, boolean jacoco) {
        this.pom = pom;
        this.annotated = annotated;
        this.agentFromRepository = agentFromRepository;
        this.jacoco = jacoco;
    }

    /** Where the gate says its threshold came from, in the failure of the leaky test. */
    String thresholdSource() {
        return annotated ? "@CrosstalkGate on " + ConsumerProject.TEST_CLASS
                : "configuration parameter crosstalk.junit.failOn";
    }
}
