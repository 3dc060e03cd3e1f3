package dev.crosstalk.testapps.reach;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The application's own concurrency mark (matched by simple name, like jsr305's): shared on purpose. */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface ThreadSafe {
}
