package dev.crosstalk.agent.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Digests of values and keys. A digest tells "the same value" from "a different value" without
 * keeping the value: equal immutable JDK values digest equal (a cache that always holds the same
 * value for a key), other objects by identity. Application code is never called, except a key's
 * {@code hashCode}, which the map itself has just called.
 */
public final class Values {
    /** Digest of a container: replacing one empty map with another is not a new value. */
    private static final long CONTAINER = 0x5bd1e995L;
    private static final int ARRAY_PREFIX = 256;

    private Values() {
    }

    /** A digest of {@code v}: by value for strings, boxed primitives, UUIDs, enums and the first elements of byte, char and int arrays; one digest for every container; by identity otherwise. */
    public static long digest(Object v) {
        if (v == null) {
            return 0L;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof UUID) {
            return mix(v.getClass().getName().hashCode(), v.hashCode());
        }
        if (v instanceof Enum) {
            return mix(v.getClass().getName().hashCode(), ((Enum<?>) v).name().hashCode());
        }
        if (v instanceof Map || v instanceof Collection) {
            return CONTAINER;
        }
        if (v instanceof byte[]) {
            byte[] a = (byte[]) v;
            return mix(a.length, Arrays.hashCode(a.length > ARRAY_PREFIX ? Arrays.copyOf(a, ARRAY_PREFIX) : a));
        }
        if (v instanceof char[]) {
            char[] a = (char[]) v;
            return mix(a.length, Arrays.hashCode(a.length > ARRAY_PREFIX ? Arrays.copyOf(a, ARRAY_PREFIX) : a));
        }
        if (v instanceof int[]) {
            int[] a = (int[]) v;
            return mix(a.length, Arrays.hashCode(a.length > ARRAY_PREFIX ? Arrays.copyOf(a, ARRAY_PREFIX) : a));
        }
        return mix(0x1d, System.identityHashCode(v));
    }

    /** A JDK map or collection. */
    public static boolean isContainer(Object v) {
        return v instanceof Map || v instanceof Collection;
    }

    /** An empty JDK map or collection: what a reset assigns. Only JDK containers are asked. */
    public static boolean isEmptyContainer(Object v) {
        if (v == null || !v.getClass().getName().startsWith("java.util.")) {
            return false;
        }
        return v instanceof Map ? ((Map<?, ?>) v).isEmpty() : v instanceof Collection && ((Collection<?>) v).isEmpty();
    }

    /** Stable across restarts for the usual key types (strings, numbers, enums). */
    public static long keyDigest(Object key) {
        if (key == null) {
            return 0L;
        }
        if (key instanceof Enum) {
            return mix(key.getClass().getName().hashCode(), ((Enum<?>) key).name().hashCode());
        }
        return mix(key.getClass().getName().hashCode(), key.hashCode());
    }

    /** Four hex digits of {@code digest}, for short key names. */
    public static String shortHex(long digest) {
        String hex = Long.toHexString((digest ^ (digest >>> 32)) & 0xffffL);
        return "0000".substring(hex.length()) + hex;
    }

    /** How a key appears in state names and fills: {@code key#3f2a}, or the key itself (truncated) if asked. */
    public static String shownKey(Object key, boolean showKeys) {
        if (!showKeys) {
            return "key#" + shortHex(keyDigest(key));
        }
        String s = String.valueOf(key);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static long mix(int a, int b) {
        long h = ((long) a << 32) ^ (b & 0xffffffffL);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
