package dev.crosstalk.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test when the code it ran produced new crosstalk findings at or above {@link #failOn()}.
 * The test JVM must run with {@code -javaagent:crosstalk-agent.jar} (see {@code docs/junit.md}).
 *
 * <p>On a class it applies to every test of the class and of its {@code @Nested} classes; on a method,
 * to that test. The annotation nearest the test wins, and it wins over the configuration parameters
 * {@code crosstalk.junit.failOn} and {@code crosstalk.junit.requireAgent}, which apply to tests the
 * extension reaches by auto-detection.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CrosstalkExtension.class)
public @interface CrosstalkGate {
    /** The lowest severity of a new finding that fails the test. */
    Severity failOn() default Severity.ERROR;

    /**
     * Whether a test fails when the agent is not running. Off, the gate lets such a test pass and
     * says so in a report entry.
     */
    boolean requireAgent() default true;
}
