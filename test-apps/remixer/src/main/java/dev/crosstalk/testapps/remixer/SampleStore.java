package dev.crosstalk.testapps.remixer;

import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.concurrent.ThreadSafe;

/** Rendered samples, shared by every remix on purpose: the class says so. */
@ThreadSafe
final class SampleStore extends ConcurrentHashMap<String, String> {
    private static final long serialVersionUID = 1L;
}
