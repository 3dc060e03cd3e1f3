package dev.crosstalk.agent.detect;

/** The publishing thread wrote part of an object it had already published (see {@link Publications}). */
final class WindowFill {
    /** What was filled: a field's name, a key as shown in state names, or {@code [*]}. */
    final String what;
    /** Where: {@code Class.method(File.java:line)}. */
    final String location;
    /** Added a missing key to a concurrent map atomically: a cache warming up, not a half-built object. */
    final boolean cacheFill;

    WindowFill(String what, String location, boolean cacheFill) {
        this.what = what;
        this.location = location;
        this.cacheFill = cacheFill;
    }
}
