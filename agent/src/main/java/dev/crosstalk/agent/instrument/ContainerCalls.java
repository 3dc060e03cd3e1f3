package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.HookTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which container calls in application code are replaced by a hook, and by which. A call is matched
 * by the family of its owner (a JDK map, collection or list type) and by its name and argument
 * descriptor; the hook takes the receiver as its first argument and the site id as its last.
 */
final class ContainerCalls {
    private static final Set<String> MAPS = Set.of("java/util/Map", "java/util/HashMap", "java/util/LinkedHashMap",
            "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap", "java/util/Hashtable",
            "java/util/WeakHashMap", "java/util/IdentityHashMap", "java/util/EnumMap", "java/util/AbstractMap",
            "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentHashMap",
            "java/util/concurrent/ConcurrentSkipListMap", "java/util/concurrent/ConcurrentNavigableMap");
    private static final Set<String> LISTS = Set.of("java/util/List", "java/util/ArrayList", "java/util/LinkedList",
            "java/util/Vector", "java/util/AbstractList", "java/util/concurrent/CopyOnWriteArrayList");
    private static final Set<String> COLLECTIONS = Set.of("java/util/Collection", "java/util/Set",
            "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/SortedSet",
            "java/util/NavigableSet", "java/util/Queue", "java/util/Deque", "java/util/ArrayDeque",
            "java/util/AbstractCollection", "java/util/AbstractSet", "java/util/PriorityQueue",
            "java/util/concurrent/CopyOnWriteArraySet", "java/util/concurrent/ConcurrentLinkedQueue",
            "java/util/concurrent/ConcurrentLinkedDeque", "java/util/concurrent/ConcurrentSkipListSet",
            "java/util/concurrent/BlockingQueue", "java/util/concurrent/LinkedBlockingQueue",
            "java/util/concurrent/ArrayBlockingQueue");

    /** Replacement hooks by family, keyed by the replaced call's name and argument types. */
    private static final Map<String, HookTable> MAP_HOOKS = new HashMap<>();
    private static final Map<String, HookTable> COLLECTION_HOOKS = new HashMap<>();
    private static final Map<String, HookTable> LIST_HOOKS = new HashMap<>();

    static {
        Map<String, Map<String, HookTable>> byReceiver = Map.of("Ljava/util/Map;", MAP_HOOKS,
                "Ljava/util/Collection;", COLLECTION_HOOKS, "Ljava/util/List;", LIST_HOOKS);
        for (HookTable hook : HookTable.values()) {
            Map<String, HookTable> family = hook.call == null ? null : byReceiver.get(hook.receiver());
            if (family != null) {
                family.put(key(hook.call, hook.callDescriptor()), hook);
            }
        }
    }

    private ContainerCalls() {
    }

    /** A call is matched by name and argument types: the return type varies with the owner (keySet views). */
    private static String key(String name, String descriptor) {
        return name + descriptor.substring(0, descriptor.indexOf(')') + 1);
    }

    /** The hook replacing {@code owner.name descriptor}, or null when the call is not one we watch. */
    static HookTable hookFor(String owner, String name, String descriptor) {
        String key = key(name, descriptor);
        if (MAPS.contains(owner)) {
            return MAP_HOOKS.get(key);
        }
        if (LISTS.contains(owner)) {
            HookTable h = LIST_HOOKS.get(key);
            return h != null ? h : COLLECTION_HOOKS.get(key);
        }
        if (COLLECTIONS.contains(owner)) {
            return COLLECTION_HOOKS.get(key);
        }
        return null;
    }
}
