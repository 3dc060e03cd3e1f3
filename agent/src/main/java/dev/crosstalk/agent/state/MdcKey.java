package dev.crosstalk.agent.state;

import java.util.Objects;

/**
 * An MDC entry's identity on a thread: which API holds it ({@code org.slf4j.MDC}, Log4j 2's
 * {@code org.apache.logging.log4j.ThreadContext}) and its key. The same key in two APIs is two entries.
 */
public final class MdcKey {
    private final String api;
    private final Object key;

    public MdcKey(String api, Object key) {
        this.api = Objects.requireNonNull(api);
        this.key = key;
    }

    /** The MDC class, dotted, as the call site named it. */
    public String api() {
        return api;
    }

    /** The entry's key. */
    public Object key() {
        return key;
    }

    /** Whether this is entry {@code key} of {@code api}. */
    public boolean is(String api, Object key) {
        return this.api.equals(api) && Objects.equals(this.key, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MdcKey && ((MdcKey) o).api.equals(api) && Objects.equals(((MdcKey) o).key, key);
    }

    @Override
    public int hashCode() {
        return api.hashCode() * 31 + Objects.hashCode(key);
    }
}
