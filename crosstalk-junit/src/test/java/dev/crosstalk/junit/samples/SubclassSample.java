package dev.crosstalk.junit.samples;

/** Run by GateTest only: inherits {@link LeakyProfileSample}'s test and its class annotation. */
public class SubclassSample extends LeakyProfileSample {
}
