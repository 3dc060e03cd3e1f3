package dev.crosstalk.testapps.remixer;

import java.util.concurrent.ConcurrentHashMap;

/** {@link SampleStore} without the {@code @ThreadSafe} mark. */
final class PlainSampleStore extends ConcurrentHashMap<String, String> {
    private static final long serialVersionUID = 1L;
}
