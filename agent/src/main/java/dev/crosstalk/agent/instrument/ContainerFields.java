package dev.crosstalk.agent.instrument;

/**
 * Which field types can hold a JDK map or collection: reads of such fields report the container they
 * found, so that a container held by a shared object (a singleton's {@code final Map}) becomes tracked
 * when it is first reached, with no walk of the object graph.
 */
final class ContainerFields {
    private static final String[] NAMES = {"Map", "List", "Set", "Collection", "Queue", "Deque", "Vector",
        "Hashtable", "Stack", "Iterable"};

    private ContainerFields() {
    }

    /** True for a descriptor of a {@code java.util} map or collection type, declared or concrete. */
    static boolean holdsContainer(String descriptor) {
        if (!descriptor.startsWith("Ljava/util/") && !descriptor.equals("Ljava/lang/Iterable;")) {
            return false;
        }
        for (String n : NAMES) {
            if (descriptor.endsWith(n + ";")) {
                return true;
            }
        }
        return false;
    }
}
