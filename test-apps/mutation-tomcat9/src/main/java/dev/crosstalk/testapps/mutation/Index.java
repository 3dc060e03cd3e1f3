package dev.crosstalk.testapps.mutation;

import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shape 5 in a static: a {@code HashMap} filled in the class initialiser, listed by one request
 * while another adds to it. The fixed twin is a {@code ConcurrentHashMap}, whose iterators are
 * weakly consistent.
 */
final class Index {
    private static final Map<String, Integer> WORDS = new HashMap<>();
    private static final Map<String, Integer> SAFE_WORDS = new ConcurrentHashMap<>();

    static {
        for (String w : new String[] {"one", "two", "three", "four"}) {
            WORDS.put(w, w.length());
            SAFE_WORDS.put(w, w.length());
        }
    }

    private Index() {
    }

    static String list(boolean safe, String pair) {
        StringBuilder out = new StringBuilder();
        try {
            for (String w : safe ? SAFE_WORDS.keySet() : WORDS.keySet()) {
                out.append(w).append(' ');
                if (out.indexOf(" ") == out.length() - 1) {
                    Interleave.pauseIteration(pair);
                }
            }
        } catch (ConcurrentModificationException e) {
            return "ConcurrentModificationException";
        }
        return out.toString();
    }

    static void add(boolean safe, String word, String pair) {
        Interleave.duringIteration(pair, () -> (safe ? SAFE_WORDS : WORDS).put(word, word.length()));
    }
}
