package dev.crosstalk.bootstrap;

/**
 * Every entry point that instrumented code calls: the hook class, method name and descriptor, shared
 * by the instrumentation (which emits the calls) and {@code HookTableTest} (which checks each row
 * against the hook method it names). Renaming a hook class fails compilation; renaming or re-typing
 * a hook method fails that test instead of failing in a customer's JVM with a {@code
 * NoSuchMethodError}.
 *
 * <p>Replacement hooks (a JDK call becomes a hook that performs it) also name the JDK method they
 * replace ({@link #call}); the hook takes the receiver first, then the call's arguments, then the
 * site id, so the replaced call's own descriptor follows from the hook's ({@link #callDescriptor}).
 *
 * <p>A row is its hook method's owner, name and descriptor, with one line on what the hook watches;
 * how it does so is said on the hook method the row names.
 */
public enum HookTable {
    /** Start of a static initialiser: writes until its exit are start-up, judged as no request's. */
    CLASS_INIT_ENTER(FieldHooks.class, "classInitEnter", "()V", null, false),
    /** End of a static initialiser, normal or not: writes count as the current request's again. */
    CLASS_INIT_EXIT(FieldHooks.class, "classInitExit", "()V", null, false),
    /** An application constructor returned: an object made outside requests may become shared state. */
    CONSTRUCTED(FieldHooks.class, "constructed", "(Ljava/lang/Object;)V", null, false),
    /** Return of a method that can publish shared state: closes the publication windows it opened. */
    METHOD_EXIT(FieldHooks.class, "methodExit", "(I)V", null, false),
    /** Read of a primitive static field: a request reading what another request wrote there. */
    GET_STATIC(FieldHooks.class, "getStatic", "(I)V", null, false),
    /** Read of a reference static field, with the value: a flow, or a container reached through it. */
    GET_STATIC_REF(FieldHooks.class, "getStaticRef", "(Ljava/lang/Object;I)V", null, false),
    /** Write of a primitive static field, with its raw bits: overwrites, counters and ready flags. */
    PUT_STATIC(FieldHooks.class, "putStatic", "(JI)V", null, false),
    /** Write of a reference static field, with the value: a new container, a published object, a sentinel. */
    PUT_STATIC_REF(FieldHooks.class, "putStaticRef", "(Ljava/lang/Object;I)V", null, false),
    /** Read of a reference field of an object that may be shared, with the value read. */
    GET_FIELD_REF(FieldHooks.class, "getFieldRef", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** Read of a field that can hold a map or collection: a container a shared object holds is tracked from then on. */
    GET_CONTAINER_FIELD(FieldHooks.class, "getContainerField", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** Read of an int-sized field (int, short, byte, char, boolean, float bits) of an object that may be shared. */
    GET_FIELD_I(FieldHooks.class, "getFieldI", "(Ljava/lang/Object;II)V", null, false),
    /** Read of a long or double field (raw bits) of an object that may be shared. */
    GET_FIELD_J(FieldHooks.class, "getFieldJ", "(Ljava/lang/Object;JI)V", null, false),
    /** Write of a reference field of an object that may be shared: per-request data left in a singleton. */
    PUT_FIELD_REF(FieldHooks.class, "putFieldRef", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** Write of an int-sized field of an object that may be shared, with its value. */
    PUT_FIELD_I(FieldHooks.class, "putFieldI", "(Ljava/lang/Object;II)V", null, false),
    /** Write of a long or double field of an object that may be shared; the value is not passed. */
    PUT_FIELD(FieldHooks.class, "putField", "(Ljava/lang/Object;I)V", null, false),
    /** {@code incrementAndGet}/{@code getAndIncrement} on an atomic number held in an application field: a version bumped. */
    ATOMIC_INCREMENT(FieldHooks.class, "atomicIncrement", "(I)V", null, false),
    /** {@code setAttribute} on a session or the servlet context: containers and objects stored there are tracked. */
    SESSION_ATTRIBUTE(CallHooks.class, "sessionAttribute", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** {@code MDC.put}: a per-thread value a request sets and must remove before the thread serves another. */
    MDC_PUT(CallHooks.class, "mdcPut", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** {@code MDC.remove}: the request took its MDC value back off the thread. */
    MDC_REMOVE(CallHooks.class, "mdcRemove", "(Ljava/lang/Object;I)V", null, false),
    /** {@code MDC.clear}: every MDC value of the thread removed at once. */
    MDC_CLEAR(CallHooks.class, "mdcClear", "(I)V", null, false),
    /** {@code MDC.get} returned a value: a request reading a value an earlier request left on the thread. */
    MDC_GET(CallHooks.class, "mdcGet", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** A logging framework builds an event from the MDC: values left by an earlier request reach its log lines. */
    LOG_EVENT(CallHooks.class, "logEvent", "(Ljava/lang/Object;)V", null, false),
    /** Replaces {@code ThreadLocal.get()}: a request reading a value an earlier request left on a pooled thread. */
    TL_GET(CallHooks.class, "tlGet", "(Ljava/lang/ThreadLocal;I)Ljava/lang/Object;", "get", false),
    /** Replaces {@code ThreadLocal.set}: a request leaving a value on the thread it runs on. */
    TL_SET(CallHooks.class, "tlSet", "(Ljava/lang/ThreadLocal;Ljava/lang/Object;I)V", "set", false),
    /** Replaces {@code ThreadLocal.remove()}: the request cleaned up its value. */
    TL_REMOVE(CallHooks.class, "tlRemove", "(Ljava/lang/ThreadLocal;I)V", "remove", false),
    /** Replaces {@code DateFormat.parse}: parsing changes the format's calendar, a race on a shared instance. */
    DF_PARSE(CallHooks.class, "dfParse", "(Ljava/text/DateFormat;Ljava/lang/String;I)Ljava/util/Date;", "parse", false),
    /** Replaces {@code DateFormat.format}: formatting changes the format's calendar, a race on a shared instance. */
    DF_FORMAT(CallHooks.class, "dfFormat", "(Ljava/text/DateFormat;Ljava/util/Date;I)Ljava/lang/String;", "format", false),
    /** Replaces {@code Calendar.setTime}: a change of a calendar that may be shared between requests. */
    CAL_SET_TIME(CallHooks.class, "calSetTime", "(Ljava/util/Calendar;Ljava/util/Date;I)V", "setTime", false),
    /** Replaces {@code Calendar.getTime}: a read that sees a shared calendar's half-made changes. */
    CAL_GET_TIME(CallHooks.class, "calGetTime", "(Ljava/util/Calendar;I)Ljava/util/Date;", "getTime", false),
    /** Replaces {@code Calendar.set(int, int)}: a change of a calendar that may be shared between requests. */
    CAL_SET(CallHooks.class, "calSet", "(Ljava/util/Calendar;III)V", "set", false),
    /** Replaces {@code Calendar.add}: a change of a calendar that may be shared between requests. */
    CAL_ADD(CallHooks.class, "calAdd", "(Ljava/util/Calendar;III)V", "add", false),
    /** Replaces {@code Calendar.get(int)}: a read that sees a shared calendar's half-made changes. */
    CAL_GET(CallHooks.class, "calGet", "(Ljava/util/Calendar;II)I", "get", false),
    /** Replaces {@code MessageDigest.update}: feeding a digest another request may be feeding too. */
    MD_UPDATE(CallHooks.class, "mdUpdate", "(Ljava/security/MessageDigest;[BI)V", "update", false),
    /** Replaces {@code MessageDigest.digest()}: finishing a digest whose input other requests may have mixed in. */
    MD_DIGEST(CallHooks.class, "mdDigest", "(Ljava/security/MessageDigest;I)[B", "digest", false),
    /** Replaces {@code MessageDigest.digest(byte[])}: feeding and finishing a possibly shared digest. */
    MD_DIGEST_OF(CallHooks.class, "mdDigestOf", "(Ljava/security/MessageDigest;[BI)[B", "digest", false),
    /** Replaces {@code MessageDigest.reset}: wiping what another request may be halfway through feeding. */
    MD_RESET(CallHooks.class, "mdReset", "(Ljava/security/MessageDigest;I)V", "reset", false),
    /** Replaces {@code Map.get}: a read of one key of a map in shared state. */
    MAP_GET(ContainerHooks.class, "mapGet", "(Ljava/util/Map;Ljava/lang/Object;I)Ljava/lang/Object;", "get", false),
    /** Replaces {@code Map.getOrDefault}: a read of one key, the default meaning the key was absent. */
    MAP_GET_OR_DEFAULT(ContainerHooks.class, "mapGetOrDefault", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "getOrDefault", false),
    /** Replaces {@code Map.containsKey}: a check of one key, a read for flows and publication windows. */
    MAP_CONTAINS_KEY(ContainerHooks.class, "mapContainsKey", "(Ljava/util/Map;Ljava/lang/Object;I)Z", "containsKey", false),
    /** Replaces {@code Map.put}: a write of one key; a container or object put there is published. */
    MAP_PUT(ContainerHooks.class, "mapPut", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "put", true),
    /** Replaces {@code Map.putIfAbsent}: fills an empty key, or reads the value already there. */
    MAP_PUT_IF_ABSENT(ContainerHooks.class, "mapPutIfAbsent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "putIfAbsent", true),
    /** Replaces {@code Map.remove}: one key removed, its state starting afresh. */
    MAP_REMOVE(ContainerHooks.class, "mapRemove", "(Ljava/util/Map;Ljava/lang/Object;I)Ljava/lang/Object;", "remove", false),
    /** Replaces {@code Map.clear}: every key removed, a reset of what readers in flight use. */
    MAP_CLEAR(ContainerHooks.class, "mapClear", "(Ljava/util/Map;I)V", "clear", false),
    /** Replaces {@code Map.putAll}: each copied entry a write of its key. */
    MAP_PUT_ALL(ContainerHooks.class, "mapPutAll", "(Ljava/util/Map;Ljava/util/Map;I)V", "putAll", false),
    /** Replaces {@code Map.computeIfAbsent}: a cache fill of a missing key, or a read of a present one. */
    MAP_COMPUTE_IF_ABSENT(ContainerHooks.class, "mapComputeIfAbsent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/Function;I)Ljava/lang/Object;", "computeIfAbsent", true),
    /** Replaces {@code Map.compute}: a write of one key built from its old value. */
    MAP_COMPUTE(ContainerHooks.class, "mapCompute", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "compute", false),
    /** Replaces {@code Map.computeIfPresent}: a write of a present key built from its old value. */
    MAP_COMPUTE_IF_PRESENT(ContainerHooks.class, "mapComputeIfPresent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "computeIfPresent", false),
    /** Replaces {@code Map.merge}: an accumulation into one key (counts, totals). */
    MAP_MERGE(ContainerHooks.class, "mapMerge", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "merge", false),
    /** Replaces {@code Map.entrySet}: a read of the whole map, through the view. */
    MAP_ENTRY_SET(ContainerHooks.class, "mapEntrySet", "(Ljava/util/Map;I)Ljava/util/Set;", "entrySet", false),
    /** Replaces {@code Map.keySet}: a read of the whole map's keys, through the view. */
    MAP_KEY_SET(ContainerHooks.class, "mapKeySet", "(Ljava/util/Map;I)Ljava/util/Set;", "keySet", false),
    /** Replaces {@code Map.values}: a read of the whole map's values, through the view. */
    MAP_VALUES(ContainerHooks.class, "mapValues", "(Ljava/util/Map;I)Ljava/util/Collection;", "values", false),
    /** Replaces {@code Map.forEach}: an iteration over the whole map. */
    MAP_FOR_EACH(ContainerHooks.class, "mapForEach", "(Ljava/util/Map;Ljava/util/function/BiConsumer;I)V", "forEach", false),
    /**
     * Replaces {@code Collection.add}: an element added, an accumulation unless the request reset the
     * collection first.
     */
    COLL_ADD(ContainerHooks.class, "collAdd", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "add", true),
    /** Replaces {@code Collection.addAll}: elements added to a collection in shared state. */
    COLL_ADD_ALL(ContainerHooks.class, "collAddAll", "(Ljava/util/Collection;Ljava/util/Collection;I)Z", "addAll", false),
    /** Replaces {@code Collection.remove}: an element removed from a collection in shared state. */
    COLL_REMOVE(ContainerHooks.class, "collRemove", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "remove", false),
    /** Replaces {@code Collection.clear}: the contents removed, a reset of what readers in flight use. */
    COLL_CLEAR(ContainerHooks.class, "collClear", "(Ljava/util/Collection;I)V", "clear", false),
    /** Replaces {@code Collection.contains}: a read of the contents. */
    COLL_CONTAINS(ContainerHooks.class, "collContains", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "contains", false),
    /** Replaces {@code Collection.iterator}: an iteration over the contents, a read of them all. */
    COLL_ITERATOR(ContainerHooks.class, "collIterator", "(Ljava/util/Collection;I)Ljava/util/Iterator;", "iterator", false),
    /** Replaces {@code Collection.stream}: a read of the whole contents through a stream. */
    COLL_STREAM(ContainerHooks.class, "collStream", "(Ljava/util/Collection;I)Ljava/util/stream/Stream;", "stream", false),
    /** Replaces {@code Collection.forEach}: an iteration over the contents. */
    COLL_FOR_EACH(ContainerHooks.class, "collForEach", "(Ljava/util/Collection;Ljava/util/function/Consumer;I)V", "forEach", false),
    /** Replaces {@code List.get(int)}: a read of the list's contents by index. */
    LIST_GET(ContainerHooks.class, "listGet", "(Ljava/util/List;II)Ljava/lang/Object;", "get", false),
    /** Replaces {@code List.set}: an element written in place; an object stored there is published. */
    LIST_SET(ContainerHooks.class, "listSet", "(Ljava/util/List;ILjava/lang/Object;I)Ljava/lang/Object;", "set", true),
    /** Replaces {@code List.add(int, E)}: an element inserted into a list in shared state. */
    LIST_ADD_AT(ContainerHooks.class, "listAddAt", "(Ljava/util/List;ILjava/lang/Object;I)V", "add", true),
    /** Replaces {@code List.remove(int)}: an element removed by index. */
    LIST_REMOVE_AT(ContainerHooks.class, "listRemoveAt", "(Ljava/util/List;II)Ljava/lang/Object;", "remove", false),
    /**
     * Entry to a request boundary (servlet, filter, handler, entry method): the thread serves this request
     * from now on.
     */
    REQUEST_ENTER(RequestHooks.class, "requestEnter", "(Ljava/lang/Object;II)Ljava/lang/Object;", null, false),
    /** Exit from the boundary the enter hook opened: the request's reads and writes end here. */
    REQUEST_EXIT(RequestHooks.class, "requestExit", "(Ljava/lang/Object;)V", null, false),
    /** A {@code Runnable} handed to an executor: wrapped so it runs as part of the submitting request. */
    WRAP_RUNNABLE(RequestHooks.class, "wrap", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;", null, false),
    /** A {@code Callable} handed to an executor: wrapped so it runs as part of the submitting request. */
    WRAP_CALLABLE(RequestHooks.class, "wrap", "(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/Callable;", null, false),
    /** A call on a builder or other not-thread-safe object: a use judged against other requests' uses. */
    MUTATION_USE(MutationHooks.class, "use", "(Ljava/lang/Object;II)V", null, false),
    /** As the use hook, after a call that returns its receiver ({@code append}), passing the receiver on. */
    MUTATION_USED(MutationHooks.class, "used", "(Ljava/lang/Object;II)Ljava/lang/Object;", null, false),
    /** A container or builder loaded from a field: ties the object to the shared field it came from. */
    FIELD_LOADED(MutationHooks.class, "fieldLoaded", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** A monitor or {@code java.util.concurrent} lock taken or released: the lock sets that excuse a race. */
    LOCK(MutationHooks.class, "lock", "(Ljava/lang/Object;I)V", null, false),
    /** Before a {@code volatile} write: a release that orders the writer's earlier calls before later readers. */
    VOLATILE_WRITE(MutationHooks.class, "volatileWrite", "(Ljava/lang/Object;I)V", null, false),
    /** After a {@code volatile} read: an acquire that orders the reader after the last writer. */
    VOLATILE_READ(MutationHooks.class, "volatileRead", "(Ljava/lang/Object;I)V", null, false),
    /** {@code tryLock()} returned: a lock taken only when it succeeded. */
    LOCK_TRIED(MutationHooks.class, "tried", "(ZLjava/lang/Object;)Z", null, false),
    /** {@code readLock()} or {@code writeLock()} returned: which half belongs to which read-write lock. */
    LOCK_HALF(MutationHooks.class, "half", "(Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", null, false),
    /** The access-order argument of a {@code LinkedHashMap} constructor, passed through and noted. */
    ACCESS_ORDER_ARGUMENT(MutationHooks.class, "accessOrderArgument", "(Z)Z", null, false),
    /** That {@code LinkedHashMap} constructed: in access order, its {@code get} changes the map. */
    MAP_CONSTRUCTED(MutationHooks.class, "mapConstructed", "(Ljava/lang/Object;)V", null, false),
    // Request-derived values (MarkHooks): sources, propagation, and the string concatenation bootstrap.
    /** A request input read by name ({@code getParameter}, {@code getHeader}): its value carries the input's mark. */
    MARK_NAMED_SOURCE(MarkHooks.class, "namedSource", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    /** A request input read without a name ({@code getRemoteUser}, the path): its value carries the mark. */
    MARK_SOURCE(MarkHooks.class, "source", "(Ljava/lang/Object;I)V", null, false),
    /** {@code Cookie.getValue}: the value carries a mark named by the cookie's own name. */
    MARK_COOKIE_VALUE(MarkHooks.class, "cookieValue", "(Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    /** A value computed from one marked value (a receiver or a single argument) carries its mark. */
    MARK_DERIVE(MarkHooks.class, "derive", "(Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    /** A value computed from several values ({@code String.format} arguments) carries all their marks. */
    MARK_DERIVE_ALL(MarkHooks.class, "deriveAll", "([Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    /** Replaces {@code String.substring(int)}: the part carries the string's mark. */
    MARK_SUBSTRING(MarkHooks.class, "substring", "(Ljava/lang/String;I)Ljava/lang/String;", null, false),
    /** Replaces {@code String.substring(int, int)}: the part carries the string's mark. */
    MARK_SUBSTRING_TO(MarkHooks.class, "substring", "(Ljava/lang/String;II)Ljava/lang/String;", null, false),
    /** Replaces {@code String.concat}: the result carries both strings' marks. */
    MARK_CONCAT(MarkHooks.class, "concat", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", null, false),
    /**
     * Replaces {@code String.replace(CharSequence, CharSequence)}: the result carries the marks of the string
     * and its replacement.
     */
    MARK_REPLACE(MarkHooks.class, "replace", "(Ljava/lang/String;Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Ljava/lang/String;", null, false),
    /** Replaces {@code String.toLowerCase(Locale)}: the result carries the string's mark. */
    MARK_TO_LOWER_CASE(MarkHooks.class, "toLowerCase", "(Ljava/lang/String;Ljava/util/Locale;)Ljava/lang/String;", null, false),
    /** Replaces {@code String.toUpperCase(Locale)}: the result carries the string's mark. */
    MARK_TO_UPPER_CASE(MarkHooks.class, "toUpperCase", "(Ljava/lang/String;Ljava/util/Locale;)Ljava/lang/String;", null, false),
    /** Replaces {@code String.split(String)}: each part carries the string's mark. */
    MARK_SPLIT(MarkHooks.class, "split", "(Ljava/lang/String;Ljava/lang/String;)[Ljava/lang/String;", null, false),
    /** Replaces {@code URLDecoder.decode(String, Charset)}: the decoded text carries the string's mark. */
    MARK_URL_DECODE(MarkHooks.class, "urlDecode", "(Ljava/lang/String;Ljava/nio/charset/Charset;)Ljava/lang/String;", null, false),
    /** Replaces {@code URLDecoder.decode(String, String)}: the decoded text carries the string's mark. */
    MARK_URL_DECODE_NAMED(MarkHooks.class, "urlDecode", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", null, false),
    /** Replaces {@code StringBuilder.append(String)}: the builder carries the string's mark. */
    MARK_APPEND_STRING(MarkHooks.class, "appendString", "(Ljava/lang/StringBuilder;Ljava/lang/String;)Ljava/lang/StringBuilder;", null, false),
    /** Replaces {@code StringBuilder.append(Object)}: the builder carries the object's mark. */
    MARK_APPEND_OBJECT(MarkHooks.class, "appendObject", "(Ljava/lang/StringBuilder;Ljava/lang/Object;)Ljava/lang/StringBuilder;", null, false),
    /** Replaces {@code StringBuilder.append(CharSequence)}: the builder carries the text's mark. */
    MARK_APPEND_CHARS(MarkHooks.class, "appendChars", "(Ljava/lang/StringBuilder;Ljava/lang/CharSequence;)Ljava/lang/StringBuilder;", null, false),
    /** Bootstrap of {@code invokedynamic} string concatenation: the result carries its arguments' marks. */
    MARK_CONCAT_BOOTSTRAP(MarkHooks.class, "concat", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;", null, false),
    /** At the start of an {@code entry=} method, after its request began: its arguments are that request's inputs. */
    MARK_ENTRY_ARGUMENTS(MarkHooks.class, "entryArguments", "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V", null, false),
    /** Beside {@code Thread.start()} in application code: the new thread serves the starting request. */
    THREAD_STARTING(Handoffs.class, "starting", "(Ljava/lang/Object;)V", null, false),
    /** Beside {@code startAsync()} in application code: the request goes on after its servlet call returns. */
    ASYNC_STARTED(Handoffs.class, "asyncStarted", "(Ljava/lang/Object;)V", null, false);

    /** Internal name of the class that declares the hook. */
    public final String owner;
    /** The hook method's name. */
    public final String name;
    /** The hook method's descriptor. */
    public final String descriptor;
    /** For a replacement hook, the name of the JDK method it replaces; null otherwise. */
    public final String call;
    /** True for a replacement hook that stores a reference into a container (and can publish it). */
    public final boolean stores;

    HookTable(Class<?> owner, String name, String descriptor, String call, boolean stores) {
        this.owner = owner.getName().replace('.', '/');
        this.name = name;
        this.descriptor = descriptor;
        this.call = call;
        this.stores = stores;
    }

    /**
     * The descriptor of the JDK call a replacement hook stands for: the hook's without its leading
     * receiver and trailing site id.
     */
    public String callDescriptor() {
        int close = descriptor.indexOf(')');
        String receiverAndArgs = descriptor.substring(1, close - 1);
        int afterReceiver = receiverAndArgs.indexOf(';') + 1;
        return "(" + receiverAndArgs.substring(afterReceiver) + ")" + descriptor.substring(close + 1);
    }

    /** The descriptor type of the receiver of a replacement hook ({@code Ljava/util/Map;}). */
    public String receiver() {
        return descriptor.substring(1, descriptor.indexOf(';') + 1);
    }
}
