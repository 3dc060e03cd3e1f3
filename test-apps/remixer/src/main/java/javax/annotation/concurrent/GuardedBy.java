package javax.annotation.concurrent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field is only accessed while holding the named lock. The same declaration as jsr305's
 * ({@code com.google.code.findbugs:jsr305}), class retention included, kept here so that the test app
 * needs no extra dependency: crosstalk matches these annotations by simple name.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.CLASS)
public @interface GuardedBy {
    String value();
}
