package dev.crosstalk.agent.instrument;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which container calls in application code are replaced by a hook, and by which. A call is matched
 * by the family of its owner (a JDK map, collection or list type) and by its name and argument
 * descriptor; the hook takes the receiver as its first argument and the site id as its last.
 */
final class ContainerCalls {
    static final String HOOKS = "dev/crosstalk/bootstrap/Hooks";

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

    private static final String MAP = "Ljava/util/Map;";
    private static final String COLL = "Ljava/util/Collection;";
    private static final String LIST = "Ljava/util/List;";
    private static final String OBJ = "Ljava/lang/Object;";

    /** A hook: its name and descriptor. */
    static final class Hook {
        final String name;
        final String descriptor;

        Hook(String name, String descriptor) {
            this.name = name;
            this.descriptor = descriptor;
        }
    }

    private static final Map<String, Hook> MAP_HOOKS = new HashMap<>();
    private static final Map<String, Hook> COLLECTION_HOOKS = new HashMap<>();
    private static final Map<String, Hook> LIST_HOOKS = new HashMap<>();

    static {
        map("get", "(" + OBJ + ")", "mapGet", OBJ);
        map("getOrDefault", "(" + OBJ + OBJ + ")", "mapGetOrDefault", OBJ);
        map("containsKey", "(" + OBJ + ")", "mapContainsKey", "Z");
        map("put", "(" + OBJ + OBJ + ")", "mapPut", OBJ);
        map("putIfAbsent", "(" + OBJ + OBJ + ")", "mapPutIfAbsent", OBJ);
        map("remove", "(" + OBJ + ")", "mapRemove", OBJ);
        map("clear", "()", "mapClear", "V");
        map("putAll", "(" + MAP + ")", "mapPutAll", "V");
        map("computeIfAbsent", "(" + OBJ + "Ljava/util/function/Function;)", "mapComputeIfAbsent", OBJ);
        map("compute", "(" + OBJ + "Ljava/util/function/BiFunction;)", "mapCompute", OBJ);
        map("computeIfPresent", "(" + OBJ + "Ljava/util/function/BiFunction;)", "mapComputeIfPresent", OBJ);
        map("merge", "(" + OBJ + OBJ + "Ljava/util/function/BiFunction;)", "mapMerge", OBJ);
        map("entrySet", "()", "mapEntrySet", "Ljava/util/Set;");
        map("keySet", "()", "mapKeySet", "Ljava/util/Set;");
        map("values", "()", "mapValues", COLL);
        map("forEach", "(Ljava/util/function/BiConsumer;)", "mapForEach", "V");

        collection("add", "(" + OBJ + ")", "collAdd", "Z");
        collection("addAll", "(" + COLL + ")", "collAddAll", "Z");
        collection("remove", "(" + OBJ + ")", "collRemove", "Z");
        collection("clear", "()", "collClear", "V");
        collection("contains", "(" + OBJ + ")", "collContains", "Z");
        collection("iterator", "()", "collIterator", "Ljava/util/Iterator;");
        collection("stream", "()", "collStream", "Ljava/util/stream/Stream;");
        collection("forEach", "(Ljava/util/function/Consumer;)", "collForEach", "V");

        list("get", "(I)", "listGet", OBJ);
        list("set", "(I" + OBJ + ")", "listSet", OBJ);
        list("add", "(I" + OBJ + ")", "listAddAt", "V");
        list("remove", "(I)", "listRemoveAt", OBJ);
    }

    private ContainerCalls() {
    }

    private static void map(String name, String args, String hook, String ret) {
        MAP_HOOKS.put(name + args, new Hook(hook, "(" + MAP + args.substring(1, args.length() - 1) + "I)" + ret));
    }

    private static void collection(String name, String args, String hook, String ret) {
        COLLECTION_HOOKS.put(name + args,
                new Hook(hook, "(" + COLL + args.substring(1, args.length() - 1) + "I)" + ret));
    }

    private static void list(String name, String args, String hook, String ret) {
        LIST_HOOKS.put(name + args, new Hook(hook, "(" + LIST + args.substring(1, args.length() - 1) + "I)" + ret));
    }

    /** A call that stores a reference into a container, which may publish the referenced object. */
    static boolean canPublish(Hook hook) {
        switch (hook.name) {
            case "mapPut":
            case "mapPutIfAbsent":
            case "mapComputeIfAbsent":
            case "collAdd":
            case "listSet":
            case "listAddAt":
                return true;
            default:
                return false;
        }
    }

    /** The hook replacing {@code owner.name descriptor}, or null when the call is not one we watch. */
    static Hook hookFor(String owner, String name, String descriptor) {
        String key = name + descriptor.substring(0, descriptor.indexOf(')') + 1);
        if (MAPS.contains(owner)) {
            return MAP_HOOKS.get(key);
        }
        if (LISTS.contains(owner)) {
            Hook h = LIST_HOOKS.get(key);
            return h != null ? h : COLLECTION_HOOKS.get(key);
        }
        if (COLLECTIONS.contains(owner)) {
            return COLLECTION_HOOKS.get(key);
        }
        return null;
    }
}
