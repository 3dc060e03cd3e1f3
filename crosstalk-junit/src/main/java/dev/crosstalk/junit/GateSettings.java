package dev.crosstalk.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * How the gate judges one test: from the {@link CrosstalkGate} nearest the test (method, class,
 * enclosing classes), else from the configuration parameters.
 */
final class GateSettings {
    static final String FAIL_ON = "crosstalk.junit.failOn";
    static final String REQUIRE_AGENT = "crosstalk.junit.requireAgent";
    static final String SETTLE_MILLIS = "crosstalk.junit.settleMillis";

    /** Without a parameter: enough for a request thread to finish after its response was sent. */
    static final long DEFAULT_SETTLE_MILLIS = 100;

    final Severity failOn;
    final boolean requireAgent;
    final long settleMillis;
    /** Where {@link #failOn} came from, for messages. */
    final String source;

    private GateSettings(Severity failOn, boolean requireAgent, long settleMillis, String source) {
        this.failOn = failOn;
        this.requireAgent = requireAgent;
        this.settleMillis = settleMillis;
        this.source = source;
    }

    static GateSettings of(ExtensionContext context) {
        long settle = settleMillis(context);
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            Optional<CrosstalkGate> gate = element.flatMap(e -> AnnotationSupport.findAnnotation(e, CrosstalkGate.class));
            if (gate.isPresent()) {
                return new GateSettings(gate.get().failOn(), gate.get().requireAgent(), settle,
                        "@CrosstalkGate on " + describe(element.get()));
            }
        }
        Optional<String> failOn = context.getConfigurationParameter(FAIL_ON);
        Severity severity = failOn.map(v -> parse(FAIL_ON, v, Severity.parse(v), "error, warning or info"))
                .orElse(Severity.ERROR);
        Boolean require = context.getConfigurationParameter(REQUIRE_AGENT)
                .map(v -> parse(REQUIRE_AGENT, v, bool(v), "true or false")).orElse(true);
        return new GateSettings(severity, require, settle,
                failOn.isPresent() ? "configuration parameter " + FAIL_ON : "the default, " + FAIL_ON + "=error");
    }

    private static long settleMillis(ExtensionContext context) {
        Optional<String> v = context.getConfigurationParameter(SETTLE_MILLIS);
        if (v.isEmpty()) {
            return DEFAULT_SETTLE_MILLIS;
        }
        Long millis;
        try {
            millis = Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            millis = null;
        }
        return parse(SETTLE_MILLIS, v.get(), millis != null && millis >= 0 && millis <= 10_000 ? millis : null,
                "a whole number of milliseconds from 0 to 10000");
    }

    private static Boolean bool(String v) {
        String s = v.trim();
        return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static <T> T parse(String key, String value, T parsed, String accepts) {
        if (parsed == null) {
            throw new ExtensionConfigurationException(
                    "crosstalk: configuration parameter " + key + " accepts " + accepts + ", not '" + value + "'");
        }
        return parsed;
    }

    private static String describe(AnnotatedElement e) {
        if (e instanceof Method) {
            Method m = (Method) e;
            return m.getDeclaringClass().getName() + "." + m.getName() + "()";
        }
        return e instanceof Class ? ((Class<?>) e).getName() : String.valueOf(e);
    }

    /** The longest the gate waits for findings to settle after a test. */
    long settleMaxMillis() {
        return settleMillis * 20;
    }
}
