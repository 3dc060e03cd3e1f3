package dev.crosstalk.agent.instrument;

import java.util.List;

/**
 * Decides which classes are application classes, whose static state the agent watches: by default
 * everything but the JDK, the agent, bytecode and logging libraries, other agents, and the servers'
 * and frameworks' own packages. With {@code include=}, only the listed package prefixes; with
 * {@code exclude=}, minus those.
 */
public final class ClassFilter {
    static final List<String> NEVER = List.of("java/", "javax/", "jakarta/", "jdk/", "sun/", "com/sun/",
            "dev/crosstalk/agent/", "dev/crosstalk/bootstrap/", "dev/crosstalk/shaded/");

    static final List<String> DEFAULT_EXCLUDES = List.of(
            // bytecode and logging libraries
            unshaded("net bytebuddy"), unshaded("org objectweb asm"), "javassist/", "net/sf/cglib/",
            unshaded("org slf4j"), unshaded("ch qos logback"), "org/apache/logging/", "org/apache/log4j/",
            "org/apache/commons/logging/", "org/jboss/logging/", unshaded("net logstash logback"),
            // other agents and telemetry
            "io/opentelemetry/", "datadog/", "com/datadog/", "co/elastic/apm/", "com/newrelic/", "io/micrometer/",
            "org/glowroot/", "com/dynatrace/", "io/sentry/",
            // servers
            "org/eclipse/jetty/", "org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/",
            "org/apache/jasper/", "org/apache/naming/", "org/apache/el/", "org/apache/juli/", "io/undertow/",
            "org/xnio/", "org/wildfly/", "org/jboss/", "io/netty/", "reactor/", "org/glassfish/", "org/jvnet/",
            // Java and Jakarta EE APIs (servlet, annotation, validation, persistence, ...)
            "jakarta/", "javax/",
            // frameworks and their plumbing
            "org/springframework/", "tools/jackson/", "org/jspecify/", "org/reactivestreams/", "org/thymeleaf/",
            "org/attoparser/", "org/unbescape/", "freemarker/", "io/grpc/", "okhttp3/", "okio/",
            "org/apache/", "com/google/", "org/bouncycastle/", "org/objenesis/", "org/hdrhistogram/",
            "org/postgresql/", "com/mysql/", "org/h2/", "org/hsqldb/", "org/flywaydb/", "liquibase/",
            "com/mongodb/", "org/bson/", "redis/clients/", "io/lettuce/", "org/quartz/", "org/json/", "org/joda/", "org/aspectj/", "org/hibernate/", "com/zaxxer/hikari/", unshaded("com fasterxml jackson"),
            "com/google/common/", "com/google/gson/", "com/github/benmanes/caffeine/", "org/ehcache/",
            "io/micronaut/", "io/quarkus/", "io/vertx/", "io/smallrye/", "org/yaml/snakeyaml/", "kotlin/",
            "kotlinx/", "scala/", "groovy/", "org/codehaus/groovy/", "org/apache/groovy/",
            // test and build tools
            "org/junit/", "junit/", "org/opentest4j/", "org/apiguardian/", "org/apache/maven/", "org/gradle/",
            "org/mockito/", "org/assertj/", "org/hamcrest/");

    /**
     * The prefix {@code words} joined by '/'. The packages the agent relocates are written this way
     * because the shade plugin rewrites every string constant that names them, which would turn
     * "exclude the application's Logback" into "exclude the agent's own copy".
     */
    public static String unshaded(String words) {
        return words.replace(' ', '/') + "/";
    }

    private final List<String> include;
    private final List<String> exclude;
    private final String only;

    /** Prefixes are package names ({@code com.acme}) or internal names ({@code com/acme/}). */
    public ClassFilter(List<String> include, List<String> exclude) {
        this.include = internal(include);
        this.exclude = internal(exclude);
        this.only = null;
    }

    private ClassFilter(String only) {
        this.include = List.of();
        this.exclude = List.of();
        this.only = only;
    }

    /** A filter that admits exactly one class (given as {@code com.acme.Foo}): the agent's self-test. */
    public static ClassFilter onlyClass(String className) {
        return new ClassFilter(className.replace('.', '/'));
    }

    private static List<String> internal(List<String> prefixes) {
        return prefixes.stream().map(p -> p.replace('.', '/')).map(p -> p.endsWith("/") ? p : p + "/")
                .collect(java.util.stream.Collectors.toList());
    }

    /** {@code internalName} in JVM form, {@code com/acme/Foo$Bar}. */
    public boolean isApplication(String internalName) {
        if (only != null) {
            return only.equals(internalName);
        }
        if (internalName == null || startsWithAny(internalName, NEVER)) {
            return false;
        }
        if (internalName.contains("$$") || internalName.contains("$Proxy") || internalName.startsWith("$Proxy")) {
            return false; // generated proxies: their state is the framework's
        }
        if (startsWithAny(internalName, exclude)) {
            return false;
        }
        if (!include.isEmpty()) {
            return startsWithAny(internalName, include);
        }
        return !startsWithAny(internalName, DEFAULT_EXCLUDES);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
