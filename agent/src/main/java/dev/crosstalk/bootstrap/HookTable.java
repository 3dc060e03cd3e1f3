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
 * <p>A row is its hook method's owner, name and descriptor, nothing more: what the hook does is said
 * on the hook method the row names.
 */
public enum HookTable {
    CLASS_INIT_ENTER(FieldHooks.class, "classInitEnter", "()V", null, false),
    CLASS_INIT_EXIT(FieldHooks.class, "classInitExit", "()V", null, false),
    CONSTRUCTED(FieldHooks.class, "constructed", "(Ljava/lang/Object;)V", null, false),
    METHOD_EXIT(FieldHooks.class, "methodExit", "(I)V", null, false),
    GET_STATIC(FieldHooks.class, "getStatic", "(I)V", null, false),
    GET_STATIC_REF(FieldHooks.class, "getStaticRef", "(Ljava/lang/Object;I)V", null, false),
    PUT_STATIC(FieldHooks.class, "putStatic", "(JI)V", null, false),
    PUT_STATIC_REF(FieldHooks.class, "putStaticRef", "(Ljava/lang/Object;I)V", null, false),
    GET_FIELD_REF(FieldHooks.class, "getFieldRef", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    GET_CONTAINER_FIELD(FieldHooks.class, "getContainerField", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    GET_FIELD_I(FieldHooks.class, "getFieldI", "(Ljava/lang/Object;II)V", null, false),
    GET_FIELD_J(FieldHooks.class, "getFieldJ", "(Ljava/lang/Object;JI)V", null, false),
    PUT_FIELD_REF(FieldHooks.class, "putFieldRef", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    PUT_FIELD_I(FieldHooks.class, "putFieldI", "(Ljava/lang/Object;II)V", null, false),
    PUT_FIELD(FieldHooks.class, "putField", "(Ljava/lang/Object;I)V", null, false),
    ATOMIC_INCREMENT(FieldHooks.class, "atomicIncrement", "(I)V", null, false),
    SESSION_ATTRIBUTE(CallHooks.class, "sessionAttribute", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    MDC_PUT(CallHooks.class, "mdcPut", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    MDC_REMOVE(CallHooks.class, "mdcRemove", "(Ljava/lang/Object;I)V", null, false),
    MDC_CLEAR(CallHooks.class, "mdcClear", "(I)V", null, false),
    MDC_GET(CallHooks.class, "mdcGet", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    LOG_EVENT(CallHooks.class, "logEvent", "(Ljava/lang/Object;)V", null, false),
    TL_GET(CallHooks.class, "tlGet", "(Ljava/lang/ThreadLocal;I)Ljava/lang/Object;", "get", false),
    TL_SET(CallHooks.class, "tlSet", "(Ljava/lang/ThreadLocal;Ljava/lang/Object;I)V", "set", false),
    TL_REMOVE(CallHooks.class, "tlRemove", "(Ljava/lang/ThreadLocal;I)V", "remove", false),
    DF_PARSE(CallHooks.class, "dfParse", "(Ljava/text/DateFormat;Ljava/lang/String;I)Ljava/util/Date;", "parse", false),
    DF_FORMAT(CallHooks.class, "dfFormat", "(Ljava/text/DateFormat;Ljava/util/Date;I)Ljava/lang/String;", "format", false),
    CAL_SET_TIME(CallHooks.class, "calSetTime", "(Ljava/util/Calendar;Ljava/util/Date;I)V", "setTime", false),
    CAL_GET_TIME(CallHooks.class, "calGetTime", "(Ljava/util/Calendar;I)Ljava/util/Date;", "getTime", false),
    CAL_SET(CallHooks.class, "calSet", "(Ljava/util/Calendar;III)V", "set", false),
    CAL_ADD(CallHooks.class, "calAdd", "(Ljava/util/Calendar;III)V", "add", false),
    CAL_GET(CallHooks.class, "calGet", "(Ljava/util/Calendar;II)I", "get", false),
    MD_UPDATE(CallHooks.class, "mdUpdate", "(Ljava/security/MessageDigest;[BI)V", "update", false),
    MD_DIGEST(CallHooks.class, "mdDigest", "(Ljava/security/MessageDigest;I)[B", "digest", false),
    MD_DIGEST_OF(CallHooks.class, "mdDigestOf", "(Ljava/security/MessageDigest;[BI)[B", "digest", false),
    MD_RESET(CallHooks.class, "mdReset", "(Ljava/security/MessageDigest;I)V", "reset", false),
    MAP_GET(ContainerHooks.class, "mapGet", "(Ljava/util/Map;Ljava/lang/Object;I)Ljava/lang/Object;", "get", false),
    MAP_GET_OR_DEFAULT(ContainerHooks.class, "mapGetOrDefault", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "getOrDefault", false),
    MAP_CONTAINS_KEY(ContainerHooks.class, "mapContainsKey", "(Ljava/util/Map;Ljava/lang/Object;I)Z", "containsKey", false),
    MAP_PUT(ContainerHooks.class, "mapPut", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "put", true),
    MAP_PUT_IF_ABSENT(ContainerHooks.class, "mapPutIfAbsent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", "putIfAbsent", true),
    MAP_REMOVE(ContainerHooks.class, "mapRemove", "(Ljava/util/Map;Ljava/lang/Object;I)Ljava/lang/Object;", "remove", false),
    MAP_CLEAR(ContainerHooks.class, "mapClear", "(Ljava/util/Map;I)V", "clear", false),
    MAP_PUT_ALL(ContainerHooks.class, "mapPutAll", "(Ljava/util/Map;Ljava/util/Map;I)V", "putAll", false),
    MAP_COMPUTE_IF_ABSENT(ContainerHooks.class, "mapComputeIfAbsent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/Function;I)Ljava/lang/Object;", "computeIfAbsent", true),
    MAP_COMPUTE(ContainerHooks.class, "mapCompute", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "compute", false),
    MAP_COMPUTE_IF_PRESENT(ContainerHooks.class, "mapComputeIfPresent", "(Ljava/util/Map;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "computeIfPresent", false),
    MAP_MERGE(ContainerHooks.class, "mapMerge", "(Ljava/util/Map;Ljava/lang/Object;Ljava/lang/Object;Ljava/util/function/BiFunction;I)Ljava/lang/Object;", "merge", false),
    MAP_ENTRY_SET(ContainerHooks.class, "mapEntrySet", "(Ljava/util/Map;I)Ljava/util/Set;", "entrySet", false),
    MAP_KEY_SET(ContainerHooks.class, "mapKeySet", "(Ljava/util/Map;I)Ljava/util/Set;", "keySet", false),
    MAP_VALUES(ContainerHooks.class, "mapValues", "(Ljava/util/Map;I)Ljava/util/Collection;", "values", false),
    MAP_FOR_EACH(ContainerHooks.class, "mapForEach", "(Ljava/util/Map;Ljava/util/function/BiConsumer;I)V", "forEach", false),
    COLL_ADD(ContainerHooks.class, "collAdd", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "add", true),
    COLL_ADD_ALL(ContainerHooks.class, "collAddAll", "(Ljava/util/Collection;Ljava/util/Collection;I)Z", "addAll", false),
    COLL_REMOVE(ContainerHooks.class, "collRemove", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "remove", false),
    COLL_CLEAR(ContainerHooks.class, "collClear", "(Ljava/util/Collection;I)V", "clear", false),
    COLL_CONTAINS(ContainerHooks.class, "collContains", "(Ljava/util/Collection;Ljava/lang/Object;I)Z", "contains", false),
    COLL_ITERATOR(ContainerHooks.class, "collIterator", "(Ljava/util/Collection;I)Ljava/util/Iterator;", "iterator", false),
    COLL_STREAM(ContainerHooks.class, "collStream", "(Ljava/util/Collection;I)Ljava/util/stream/Stream;", "stream", false),
    COLL_FOR_EACH(ContainerHooks.class, "collForEach", "(Ljava/util/Collection;Ljava/util/function/Consumer;I)V", "forEach", false),
    LIST_GET(ContainerHooks.class, "listGet", "(Ljava/util/List;II)Ljava/lang/Object;", "get", false),
    LIST_SET(ContainerHooks.class, "listSet", "(Ljava/util/List;ILjava/lang/Object;I)Ljava/lang/Object;", "set", true),
    LIST_ADD_AT(ContainerHooks.class, "listAddAt", "(Ljava/util/List;ILjava/lang/Object;I)V", "add", true),
    LIST_REMOVE_AT(ContainerHooks.class, "listRemoveAt", "(Ljava/util/List;II)Ljava/lang/Object;", "remove", false),
    REQUEST_ENTER(RequestHooks.class, "requestEnter", "(Ljava/lang/Object;II)Ljava/lang/Object;", null, false),
    REQUEST_EXIT(RequestHooks.class, "requestExit", "(Ljava/lang/Object;)V", null, false),
    WRAP_RUNNABLE(RequestHooks.class, "wrap", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;", null, false),
    WRAP_CALLABLE(RequestHooks.class, "wrap", "(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/Callable;", null, false),
    MUTATION_USE(MutationHooks.class, "use", "(Ljava/lang/Object;II)V", null, false),
    MUTATION_USED(MutationHooks.class, "used", "(Ljava/lang/Object;II)Ljava/lang/Object;", null, false),
    FIELD_LOADED(MutationHooks.class, "fieldLoaded", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    LOCK(MutationHooks.class, "lock", "(Ljava/lang/Object;I)V", null, false),
    VOLATILE_WRITE(MutationHooks.class, "volatileWrite", "(Ljava/lang/Object;I)V", null, false),
    VOLATILE_READ(MutationHooks.class, "volatileRead", "(Ljava/lang/Object;I)V", null, false),
    LOCK_TRIED(MutationHooks.class, "tried", "(ZLjava/lang/Object;)Z", null, false),
    LOCK_HALF(MutationHooks.class, "half", "(Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", null, false),
    ACCESS_ORDER_ARGUMENT(MutationHooks.class, "accessOrderArgument", "(Z)Z", null, false),
    MAP_CONSTRUCTED(MutationHooks.class, "mapConstructed", "(Ljava/lang/Object;)V", null, false),
    // Request-derived values (MarkHooks): sources, propagation, and the string concatenation bootstrap.
    MARK_NAMED_SOURCE(MarkHooks.class, "namedSource", "(Ljava/lang/Object;Ljava/lang/Object;I)V", null, false),
    MARK_SOURCE(MarkHooks.class, "source", "(Ljava/lang/Object;I)V", null, false),
    MARK_COOKIE_VALUE(MarkHooks.class, "cookieValue", "(Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    MARK_DERIVE(MarkHooks.class, "derive", "(Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    MARK_DERIVE_ALL(MarkHooks.class, "deriveAll", "([Ljava/lang/Object;Ljava/lang/Object;)V", null, false),
    MARK_SUBSTRING(MarkHooks.class, "substring", "(Ljava/lang/String;I)Ljava/lang/String;", null, false),
    MARK_SUBSTRING_TO(MarkHooks.class, "substring", "(Ljava/lang/String;II)Ljava/lang/String;", null, false),
    MARK_CONCAT(MarkHooks.class, "concat", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", null, false),
    MARK_REPLACE(MarkHooks.class, "replace", "(Ljava/lang/String;Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Ljava/lang/String;", null, false),
    MARK_TO_LOWER_CASE(MarkHooks.class, "toLowerCase", "(Ljava/lang/String;Ljava/util/Locale;)Ljava/lang/String;", null, false),
    MARK_TO_UPPER_CASE(MarkHooks.class, "toUpperCase", "(Ljava/lang/String;Ljava/util/Locale;)Ljava/lang/String;", null, false),
    MARK_SPLIT(MarkHooks.class, "split", "(Ljava/lang/String;Ljava/lang/String;)[Ljava/lang/String;", null, false),
    MARK_URL_DECODE(MarkHooks.class, "urlDecode", "(Ljava/lang/String;Ljava/nio/charset/Charset;)Ljava/lang/String;", null, false),
    MARK_URL_DECODE_NAMED(MarkHooks.class, "urlDecode", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", null, false),
    MARK_APPEND_STRING(MarkHooks.class, "appendString", "(Ljava/lang/StringBuilder;Ljava/lang/String;)Ljava/lang/StringBuilder;", null, false),
    MARK_APPEND_OBJECT(MarkHooks.class, "appendObject", "(Ljava/lang/StringBuilder;Ljava/lang/Object;)Ljava/lang/StringBuilder;", null, false),
    MARK_APPEND_CHARS(MarkHooks.class, "appendChars", "(Ljava/lang/StringBuilder;Ljava/lang/CharSequence;)Ljava/lang/StringBuilder;", null, false),
    MARK_CONCAT_BOOTSTRAP(MarkHooks.class, "concat", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;", null, false),
    THREAD_STARTING(Handoffs.class, "starting", "(Ljava/lang/Object;)V", null, false),
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
