package dev.crosstalk.bootstrap;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Hooks that replace calls on JDK maps, collections and lists ({@code map.get(k)} becomes {@code
 * ContainerHooks.mapGet(map, k, site)}), so they perform the call themselves. One visible difference
 * follows: on a null receiver the {@code NullPointerException} is the same, and its message still
 * names the method that could not be invoked, but its "because ..." clause names the hook's
 * parameter rather than the application's variable, and the top stack frame is the hook's. Their
 * fast path, for a container nobody published into shared state, is one identity hash and one bit
 * test ({@link Gates#maybeTracked}).
 */
public final class ContainerHooks {
    private ContainerHooks() {
    }

    private static void op(int site, ContainerOp op, Object container, Object key, Object value) {
        try {
            Hooks.sink.containerOp(site, op, container, key, value);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** Replaces {@code Map.get}. */
    public static Object mapGet(Map<?, ?> m, Object k, int site) {
        Object v = m.get(k);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.GET, m, k, v);
        }
        return v;
    }

    /** Replaces {@code Map.getOrDefault}. */
    public static Object mapGetOrDefault(Map<Object, Object> m, Object k, Object d, int site) {
        Object v = m.getOrDefault(k, d);
        if (Gates.maybeTracked(m) && v != d) {
            op(site, ContainerOp.GET, m, k, v);
        }
        return v;
    }

    /** Replaces {@code Map.containsKey}. */
    public static boolean mapContainsKey(Map<?, ?> m, Object k, int site) {
        boolean b = m.containsKey(k);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.CONTAINS, m, k, b);
        }
        return b;
    }

    /** Replaces {@code Map.put}. */
    public static Object mapPut(Map<Object, Object> m, Object k, Object v, int site) {
        Object r = m.put(k, v);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.PUT, m, k, v);
        }
        return r;
    }

    /** Replaces {@code Map.putIfAbsent}. */
    public static Object mapPutIfAbsent(Map<Object, Object> m, Object k, Object v, int site) {
        Object prev = m.putIfAbsent(k, v);
        if (Gates.maybeTracked(m)) {
            if (prev == null) {
                op(site, ContainerOp.PUT_IF_ABSENT, m, k, v);
            } else {
                op(site, ContainerOp.GET, m, k, prev);
            }
        }
        return prev;
    }

    /** Replaces {@code Map.remove}. */
    public static Object mapRemove(Map<?, ?> m, Object k, int site) {
        Object r = m.remove(k);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.REMOVE, m, k, null);
        }
        return r;
    }

    /** Replaces {@code Map.clear}. */
    public static void mapClear(Map<?, ?> m, int site) {
        m.clear();
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.CLEAR, m, null, null);
        }
    }

    /** Replaces {@code Map.putAll}. */
    public static void mapPutAll(Map<Object, Object> m, Map<Object, Object> src, int site) {
        m.putAll(src);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.PUT_ALL, m, null, src);
        }
    }

    /** Replaces {@code Map.computeIfAbsent}. */
    public static Object mapComputeIfAbsent(Map<Object, Object> m, Object k, Function<Object, Object> f, int site) {
        if (!Gates.maybeTracked(m)) {
            return m.computeIfAbsent(k, f);
        }
        // Whether it computed: the size grew. Racy under concurrent writers, but it allocates nothing
        // and does not touch the map the way an extra get would (access-ordered maps).
        int before = m.size();
        Object v = m.computeIfAbsent(k, f);
        if (v != null) {
            op(site, m.size() > before ? ContainerOp.PUT_IF_ABSENT : ContainerOp.GET, m, k, v);
        }
        return v;
    }

    /** Replaces {@code Map.compute}. */
    public static Object mapCompute(Map<Object, Object> m, Object k, BiFunction<Object, Object, Object> f, int site) {
        Object v = m.compute(k, f);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.MERGE, m, k, v);
        }
        return v;
    }

    /** Replaces {@code Map.computeIfPresent}. */
    public static Object mapComputeIfPresent(Map<Object, Object> m, Object k, BiFunction<Object, Object, Object> f,
            int site) {
        Object v = m.computeIfPresent(k, f);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.MERGE, m, k, v);
        }
        return v;
    }

    /** Replaces {@code Map.merge}. */
    public static Object mapMerge(Map<Object, Object> m, Object k, Object v, BiFunction<Object, Object, Object> f,
            int site) {
        Object r = m.merge(k, v, f);
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.MERGE, m, k, r);
        }
        return r;
    }

    /** Replaces {@code Map.entrySet}. */
    public static java.util.Set<?> mapEntrySet(Map<?, ?> m, int site) {
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.READ_ALL, m, null, null);
        }
        return m.entrySet();
    }

    /** Replaces {@code Map.keySet}. */
    public static java.util.Set<?> mapKeySet(Map<?, ?> m, int site) {
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.READ_ALL, m, null, null);
        }
        return m.keySet();
    }

    /** Replaces {@code Map.values}. */
    public static Collection<?> mapValues(Map<?, ?> m, int site) {
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.READ_ALL, m, null, null);
        }
        return m.values();
    }

    /** Replaces {@code Map.forEach}. */
    public static void mapForEach(Map<Object, Object> m, BiConsumer<Object, Object> action, int site) {
        if (Gates.maybeTracked(m)) {
            op(site, ContainerOp.READ_ALL, m, null, null);
        }
        m.forEach(action);
    }

    /** Replaces {@code Collection.add}. */
    public static boolean collAdd(Collection<Object> c, Object e, int site) {
        boolean r = c.add(e);
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.ADD, c, null, e);
        }
        return r;
    }

    /** Replaces {@code Collection.addAll}. */
    public static boolean collAddAll(Collection<Object> c, Collection<Object> src, int site) {
        boolean r = c.addAll(src);
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.ADD, c, null, src);
        }
        return r;
    }

    /** Replaces {@code Collection.remove}. */
    public static boolean collRemove(Collection<?> c, Object e, int site) {
        boolean r = c.remove(e);
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.REMOVE, c, null, null);
        }
        return r;
    }

    /** Replaces {@code Collection.clear}. */
    public static void collClear(Collection<?> c, int site) {
        c.clear();
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.CLEAR, c, null, null);
        }
    }

    /** Replaces {@code Collection.contains}. */
    public static boolean collContains(Collection<?> c, Object e, int site) {
        boolean b = c.contains(e);
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.CONTAINS, c, null, b);
        }
        return b;
    }

    /** Replaces {@code Collection.iterator}. */
    public static Iterator<?> collIterator(Collection<?> c, int site) {
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.READ_ALL, c, null, null);
        }
        return c.iterator();
    }

    /** Replaces {@code Collection.stream}. */
    public static java.util.stream.Stream<?> collStream(Collection<?> c, int site) {
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.READ_ALL, c, null, null);
        }
        return c.stream();
    }

    /** Replaces {@code Collection.forEach}. */
    public static void collForEach(Collection<Object> c, java.util.function.Consumer<Object> action, int site) {
        if (Gates.maybeTracked(c)) {
            op(site, ContainerOp.READ_ALL, c, null, null);
        }
        c.forEach(action);
    }

    /** Replaces {@code List.get}. */
    public static Object listGet(List<?> l, int index, int site) {
        Object v = l.get(index);
        if (Gates.maybeTracked(l)) {
            op(site, ContainerOp.INDEX_GET, l, index, v);
        }
        return v;
    }

    /** Replaces {@code List.set}. */
    public static Object listSet(List<Object> l, int index, Object e, int site) {
        Object r = l.set(index, e);
        if (Gates.maybeTracked(l)) {
            op(site, ContainerOp.INDEX_SET, l, index, e);
        }
        return r;
    }

    /** Replaces {@code List.add}. */
    public static void listAddAt(List<Object> l, int index, Object e, int site) {
        l.add(index, e);
        if (Gates.maybeTracked(l)) {
            op(site, ContainerOp.ADD, l, null, e);
        }
    }

    /** Replaces {@code List.remove}. */
    public static Object listRemoveAt(List<?> l, int index, int site) {
        Object r = l.remove(index);
        if (Gates.maybeTracked(l)) {
            op(site, ContainerOp.REMOVE, l, null, null);
        }
        return r;
    }
}
