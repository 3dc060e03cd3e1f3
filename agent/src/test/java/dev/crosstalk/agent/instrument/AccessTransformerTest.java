package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.ContainerOp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteProbe;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Instruments the fixture classes of {@code fixtures.statics}, checks that the result verifies (ASM's
 * verifier and the JVM's), behaves exactly as the original, and calls the hooks it should.
 */
class AccessTransformerTest {
    private static final String PKG = "fixtures.statics.";
    private static final ClassLoader TEST_LOADER = AccessTransformerTest.class.getClassLoader();

    private final SiteTable sites = new SiteTable();
    private final AccessTransformer transformer = new AccessTransformer(
            new ClassFilter(List.of("fixtures"), List.of()), sites, new FieldTable(100, false),
            (c, e) -> fail("could not instrument " + c + ": " + e));
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void installSink() {
        Hooks.install(sink);
    }

    @AfterEach
    void uninstallSink() {
        Hooks.install(null);
    }

    // ---- verification -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"InitFill", "FailingInit", "Flows", "Primitives", "Counter", "Constants", "Containers", "NullContainers",
        "LoopInit", "Fields", "Texts"})
    void transformedFixtureVerifiesWithAsmAndTheJvm(String simpleName) throws Exception {
        byte[] out = transformer.instrument(classBytes(PKG + simpleName));
        assertNotNull(out, "the fixture has methods, so it is instrumented");
        assertEquals("", asmVerifierErrors(out));
        try {
            Class.forName(PKG + simpleName, true, transformedLoader()); // links, so the JVM verifies it
        } catch (ExceptionInInitializerError e) {
            assertEquals("FailingInit", simpleName, "only FailingInit's initialiser throws: " + e.getCause());
        }
    }

    // ---- instance fields, thread-locals, the MDC, objects that are not thread-safe ------------

    @Test
    void instanceFieldsOfEveryKindThreadLocalsAndDateCallsBehaveAsBefore() throws Exception {
        List<Outcome> out = assertBehavesAsOriginal("Fields", call("run"), call("threadLocals"), call("dates"),
                call("badDate"));
        assertEquals("alice/alice/null/null", out.get(1).value, out.toString());
        assertTrue(out.get(3).thrown != null && out.get(3).thrown.contains("ParseException"),
                "the parse error is the application's: " + out.get(3).thrown);
    }

    @Test
    void sharedObjectsFieldHooksSeeTheValuesWrittenAndRead() throws Exception {
        sink.clear();
        callOn(transformedLoader(), "Fields", "run");
        List<Event> writes = new ArrayList<>();
        for (Event e : sink.events()) {
            if (e.kind == Kind.WRITE && e.site > 0 && sites.get(e.site) != null
                    && "total".equals(dev.crosstalk.agent.state.SiteProbe.memberOf(sites.get(e.site)))) {
                writes.add(e);
            }
        }
        assertEquals(2, writes.size(), sink.events().toString());
    }

    // ---- request-derived text -----------------------------------------------------------------

    @Test
    void textCallsRewrittenForMarksBehaveAsBefore() throws Exception {
        List<Outcome> out = assertBehavesAsOriginal("Texts", call("concat", "al"), call("builder", "al"),
                call("format", "al"), call("pieces", "user= al &x=1"), call("decoded", "a%20l"), call("constant"));
        assertEquals("<b>al</b>#3/7null", out.get(0).value, out.toString());
        assertEquals("AL al  al ", out.get(3).value, out.toString());
    }

    @Test
    void textComputedFromAMarkedInputCarriesItsMarkInsideTheRequest() throws Exception {
        dev.crosstalk.agent.runtime.Recorder recorder = new dev.crosstalk.agent.runtime.Recorder(sites,
                new dev.crosstalk.agent.finding.FindingRegistry(10), 10);
        dev.crosstalk.agent.userdata.UserMarks marks = new dev.crosstalk.agent.userdata.UserMarks();
        dev.crosstalk.bootstrap.Hooks.installMarks(marks);
        ClassLoader loader = transformedLoader();
        Object token = recorder.requestEnter("job", Hooks.KIND_ENTRY_METHOD, 0);
        try {
            for (String method : List.of("concat", "builder", "format", "pieces", "decoded")) {
                String input = new String(method.equals("pieces") ? "user=al&x=1" : "al");
                marks.source(input, dev.crosstalk.bootstrap.MarkHooks.SRC_HEADER, "X-User");
                Object result = callOn(loader, "Texts", method, input);
                dev.crosstalk.agent.userdata.Mark mark = dev.crosstalk.agent.userdata.UserMarks.markOf(
                        dev.crosstalk.agent.state.ThreadState.get().activeRequest(), result);
                assertEquals("the header `X-User`", mark == null ? null : mark.describe(), method + " -> " + result);
            }
            Object constant = callOn(loader, "Texts", "constant");
            assertNull(dev.crosstalk.agent.userdata.UserMarks.markOf(dev.crosstalk.agent.state.ThreadState.get().activeRequest(),
                    constant), "a constant derives from no input");
        } finally {
            recorder.requestExit(token);
            dev.crosstalk.bootstrap.Hooks.installMarks(null);
        }
    }

    // ---- class initialisers -------------------------------------------------------------------

    @Test
    void classInitialiserIsBracketedByInitEnterAndExitAroundTheHelperItCalls() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "InitFill");
        sink.clear();
        Class.forName(c.getName(), true, c.getClassLoader());

        List<Event> events = sink.events();
        assertEquals(Kind.INIT_ENTER, events.get(0).kind, "first event: " + events);
        assertEquals(Kind.INIT_EXIT, events.get(events.size() - 1).kind, "last event: " + events);
        assertEquals(1, count(events, Kind.INIT_ENTER));
        assertEquals(1, count(events, Kind.INIT_EXIT));
        Event write = only(events, Kind.WRITE);
        assertEquals(PKG + "InitFill.tableSize", fieldOf(write));
        assertEquals(2L, write.bits, "the helper wrote the size of the table filled by the initialiser");
        assertTrue(location(write).startsWith(PKG + "InitFill.countTable(InitFill.java:"), location(write));
    }

    @Test
    void classInitialiserBodyIsNotItselfInstrumented() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "InitFill");
        sink.clear();
        Class.forName(c.getName(), true, c.getClassLoader());

        // The initialiser's own puts into TABLE and writes of TABLE/recovered call no hooks: only the
        // helper's read of TABLE and write of tableSize do.
        List<Event> events = sink.events();
        assertEquals(0, count(events, Kind.OP), events.toString());
        assertEquals(List.of(PKG + "InitFill.TABLE"), fieldsOf(events, Kind.READ));
        assertEquals(List.of(PKG + "InitFill.tableSize"), fieldsOf(events, Kind.WRITE));
    }

    @Test
    void classInitialiserThatCatchesItsOwnExceptionBehavesAsBefore() throws Exception {
        assertBehavesAsOriginal("InitFill", call("describe"));
        assertEquals("1,2,2,recovered", callOn(transformedLoader(), "InitFill", "describe"));
    }

    @Test
    void classInitialiserStartingWithALoopBehavesAsBefore() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("LoopInit", call("describe"));
        assertEquals("[0, 1, 4, 9, 16]/5", outcomes.get(0).value);
        assertEquals(1, count(sink.events(), Kind.INIT_ENTER));
        assertEquals(1, count(sink.events(), Kind.INIT_EXIT));
    }

    @Test
    void throwingClassInitialiserStillCallsInitExit() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "FailingInit");
        sink.clear();
        assertInitialiserThrows(() -> Class.forName(c.getName(), true, c.getClassLoader()));

        List<Event> events = sink.events();
        assertEquals(1, count(events, Kind.INIT_ENTER), events.toString());
        assertEquals(1, count(events, Kind.INIT_EXIT), events.toString());
        assertEquals(Kind.INIT_EXIT, events.get(events.size() - 1).kind, events.toString());
        assertEquals(List.of(PKG + "FailingInit.attempts"), fieldsOf(events, Kind.READ));
    }

    @Test
    void exceptionInInitializerErrorReachesTheCallerUnchanged() throws Exception {
        Outcome original = Outcome.of(() -> Class.forName(PKG + "FailingInit", true, originalLoader()));
        Outcome transformed = Outcome.of(() -> Class.forName(PKG + "FailingInit", true, transformedLoader()));
        assertEquals(original, transformed);
        assertEquals("java.lang.ExceptionInInitializerError: null caused by "
                + "java.lang.IllegalStateException: refused after 1 attempt", transformed.thrown);
    }

    @Test
    void laterUseOfAClassWhoseInitialiserFailedFailsAsBefore() throws Exception {
        assertBehavesAsOriginal("FailingInit", call("attempts"), call("attempts"));
    }

    // ---- try/finally, synchronized, exceptions -----------------------------------------------

    @Test
    void tryFinallyAndSynchronizedCodeBehavesAsBefore() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Flows", call("remember", "a", "1"),
                call("remember", "a", "2"), call("synchronizedBump"), call("state"));
        assertEquals("null/1/1", outcomes.get(0).value);
        assertEquals("1/2/2", outcomes.get(1).value);
        assertEquals(3, outcomes.get(2).value);
        assertEquals("{a=2}|[a, a]|2|3", outcomes.get(3).value);
    }

    @Test
    void exceptionThrownInsideTryReachesTheCallerUnchangedAfterTheFinallyBlock() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Flows", call("failInsideTry", "k"), call("state"),
                call("recoverFromFailure", "j"));
        assertEquals("java.lang.IllegalArgumentException: rejected k", outcomes.get(0).thrown);
        assertEquals("{k=partial}|[fail:k]|finally:k|1", outcomes.get(1).value);
        assertEquals("caught rejected j then finally:j", outcomes.get(2).value);
    }

    @Test
    void finallyBlockOnTheExceptionalPathReportsItsStaticWrites() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Flows");
        sink.clear();
        Outcome thrown = Outcome.of(() -> invoke(c, "failInsideTry", "k"));
        assertEquals("java.lang.IllegalArgumentException: rejected k", thrown.thrown);

        Event write = only(sink.events().stream().filter(e -> e.kind == Kind.WRITE)
                .filter(e -> (PKG + "Flows.last").equals(fieldOf(e))).collect(Collectors.toList()), Kind.WRITE);
        assertEquals("finally:k", write.value);
        assertEquals(List.of(PKG + "Flows.last", PKG + "Flows.finallyRuns"), fieldsOf(sink.events(), Kind.WRITE));
    }

    @Test
    void staticReadsAndWritesReportTheirFieldAndMethod() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Flows");
        invoke(c, "state"); // initialise first
        sink.clear();
        invoke(c, "remember", "a", "1");

        List<Event> events = sink.events();
        assertEquals(new LinkedHashSet<>(List.of(PKG + "Flows.LOCK", PKG + "Flows.CACHE", PKG + "Flows.LOG",
                PKG + "Flows.finallyRuns")), new LinkedHashSet<>(fieldsOf(events, Kind.READ)));
        assertEquals(List.of(PKG + "Flows.last", PKG + "Flows.finallyRuns"), fieldsOf(events, Kind.WRITE));
        for (Event e : events) {
            if (e.kind == Kind.READ || e.kind == Kind.WRITE || e.kind == Kind.OP) {
                assertTrue(location(e).startsWith(PKG + "Flows.remember(Flows.java:"), location(e));
            }
        }
        Event lastWrite = events.stream().filter(e -> e.kind == Kind.WRITE).findFirst().orElseThrow();
        assertEquals("1", lastWrite.value);
        Event cacheRead = events.stream().filter(e -> e.kind == Kind.READ)
                .filter(e -> (PKG + "Flows.CACHE").equals(fieldOf(e))).findFirst().orElseThrow();
        assertSame(staticValue(c, "CACHE"), cacheRead.value, "reference reads pass the value read");
    }

    @Test
    void siteLocationNamesTheSourceLineOfTheAccess() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Flows");
        invoke(c, "state");
        sink.clear();
        int line = (Integer) invoke(c, "writeLastAndTellLine", "x");

        Event write = only(sink.events(), Kind.WRITE);
        assertEquals(PKG + "Flows.writeLastAndTellLine(Flows.java:" + line + ")", location(write));
        assertEquals("x", write.value);
    }

    @Test
    void concreteHashMapAndArrayListCallsReportTheirOperations() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Flows");
        invoke(c, "state");
        sink.clear();
        invoke(c, "remember", "a", "1");

        Object cache = staticValue(c, "CACHE");
        Object log = staticValue(c, "LOG");
        assertEquals(List.of("PUT a=1", "GET a=1"), describeOps(cache));
        assertEquals(List.of("ADD null=a"), describeOps(log));
    }

    // ---- primitives ---------------------------------------------------------------------------

    private static final Object[] PRIMITIVE_VALUES = {true, (byte) -7, '\uFFFE', (short) -300, -123456,
        Long.MIN_VALUE + 3, -1.5f, -2.5e-300};

    @Test
    void primitiveFieldsOfEveryTypeReadBackAsWritten() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Primitives", call("writeAll", PRIMITIVE_VALUES),
                call("readAll"));
        assertEquals("true,-7,65534,-300,-123456," + (Long.MIN_VALUE + 3) + "," + Float.floatToRawIntBits(-1.5f)
                + "," + Double.doubleToRawLongBits(-2.5e-300), outcomes.get(1).value);
    }

    @Test
    void primitiveWritesPassTheRawBitsOfTheValue() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Primitives");
        invoke(c, "readAll");
        sink.clear();
        invoke(c, "writeAll", PRIMITIVE_VALUES);

        Map<String, Long> bits = new HashMap<>();
        for (Event e : sink.events()) {
            if (e.kind == Kind.WRITE) {
                assertNull(e.value, "primitive writes pass no reference");
                bits.put(fieldOf(e).substring((PKG + "Primitives.").length()), e.bits);
            }
        }
        Map<String, Long> expected = new HashMap<>();
        expected.put("flag", 1L);
        expected.put("smallByte", -7L);
        expected.put("letter", 0xFFFEL);
        expected.put("smallShort", -300L);
        expected.put("whole", -123456L);
        expected.put("big", Long.MIN_VALUE + 3);
        expected.put("single", (long) Float.floatToRawIntBits(-1.5f));
        expected.put("precise", Double.doubleToRawLongBits(-2.5e-300));
        assertEquals(expected, bits);
    }

    @Test
    void floatingPointWritesPassRawBitsNotCanonicalNaN() throws Exception {
        float nanFloat = Float.intBitsToFloat(0x7fc00123);
        double nanDouble = Double.longBitsToDouble(0x7ff8000000000123L);
        Class<?> c = transformedLoader().loadClass(PKG + "Primitives");
        invoke(c, "readAll");
        sink.clear();
        invoke(c, "writeAll", false, (byte) 0, 'a', (short) 0, 0, 0L, nanFloat, nanDouble);

        Map<String, Long> bits = new HashMap<>();
        for (Event e : sink.events()) {
            if (e.kind == Kind.WRITE) {
                bits.put(fieldOf(e), e.bits);
            }
        }
        assertEquals(0x7fc00123L, bits.get(PKG + "Primitives.single"));
        assertEquals(0x7ff8000000000123L, bits.get(PKG + "Primitives.precise"));
    }

    @Test
    void primitiveReadsReportTheirFieldWithoutAValue() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Primitives");
        invoke(c, "writeAll", PRIMITIVE_VALUES);
        sink.clear();
        invoke(c, "readAll");

        List<Event> reads = sink.events().stream().filter(e -> e.kind == Kind.READ).collect(Collectors.toList());
        assertEquals(List.of("flag", "smallByte", "letter", "smallShort", "whole", "big", "single", "precise"),
                reads.stream().map(e -> fieldOf(e).substring((PKG + "Primitives.").length()))
                        .collect(Collectors.toList()));
        assertTrue(reads.stream().allMatch(e -> e.value == null), reads.toString());
    }

    // ---- read-modify-write --------------------------------------------------------------------

    @Test
    void counterBehavesAsBefore() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Counter", call("next"), call("next"), call("reset"),
                call("next"));
        assertEquals(Arrays.asList(1, 2, null, 1), outcomes.stream().map(o -> o.value).collect(Collectors.toList()));
    }

    @Test
    void incrementWriteSiteIsReadModifyWrite() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Counter");
        invoke(c, "reset");
        sink.clear();
        invoke(c, "next");

        Event write = only(sink.events(), Kind.WRITE);
        assertEquals(PKG + "Counter.count", fieldOf(write));
        assertEquals(1L, write.bits);
        assertTrue(SiteProbe.readModifyWrite(sites.get(write.site)), location(write));
    }

    @Test
    void plainWriteSiteIsNotReadModifyWrite() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Counter");
        invoke(c, "next");
        sink.clear();
        invoke(c, "reset");

        Event write = only(sink.events(), Kind.WRITE);
        assertEquals(PKG + "Counter.count", fieldOf(write));
        assertFalse(SiteProbe.readModifyWrite(sites.get(write.site)), location(write));
    }

    // ---- constants ----------------------------------------------------------------------------

    @Test
    void staticFinalStringAndIntAreNotInstrumented() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Constants", call("constantsOnly"));
        assertEquals("HELLO42literal", outcomes.get(0).value);

        Set<String> watched = registeredFields();
        assertFalse(watched.contains(PKG + "Constants.GREETING"), watched.toString());
        assertFalse(watched.contains(PKG + "Constants.LIMIT"), watched.toString());
        assertTrue(watched.contains(PKG + "Constants.mutable"), "control: a mutable static is watched " + watched);
        assertEquals(List.of(), fieldsOf(sink.events(), Kind.READ));
    }

    @Test
    void mutableStaticNextToConstantsIsStillInstrumented() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Constants");
        invoke(c, "constantsOnly");
        sink.clear();
        assertEquals("HELLOmutable", invoke(c, "withMutable"));
        assertEquals(List.of(PKG + "Constants.mutable"), fieldsOf(sink.events(), Kind.READ));
    }

    // ---- containers ---------------------------------------------------------------------------

    @Test
    void hashMapGetThroughConcreteTypeBehavesAndReports() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Containers", call("hashMapPutGet", "k"));
        assertEquals("K/null", outcomes.get(0).value);

        Class<?> c = transformedLoader().loadClass(PKG + "Containers");
        invoke(c, "iterate");
        sink.clear();
        invoke(c, "hashMapPutGet", "k");
        assertEquals(List.of("PUT k=K", "GET k=K", "GET absent=null"), describeOps(staticValue(c, "BY_NAME")));
    }

    @Test
    void concurrentHashMapKeySetViewKeepsItsTypeThroughACheckcast() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Containers", call("keySetView"));
        assertEquals("[a, b]/null", outcomes.get(0).value);

        List<AbstractInsnNode> code = instructions(transformer.instrument(classBytes(PKG + "Containers")),
                "keySetView");
        MethodInsnNode hook = hookCall(code, "mapKeySet");
        AbstractInsnNode next = hook.getNext();
        assertEquals(Opcodes.CHECKCAST, next.getOpcode());
        assertEquals("java/util/concurrent/ConcurrentHashMap$KeySetView", ((TypeInsnNode) next).desc);
    }

    @Test
    void concurrentHashMapCallsReportTheirOperations() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Containers");
        invoke(c, "iterate");
        sink.clear();
        invoke(c, "keySetView");
        assertEquals(List.of("PUT b=2", "PUT a=1", "READ_ALL null=null"), describeOps(staticValue(c, "SEEN")));
    }

    @Test
    void listRemoveByIndexAndCollectionRemoveByValueStayDistinct() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Containers", call("removeByIndexAndByValue"));
        assertEquals("20/true/10/[10, 30]", outcomes.get(0).value);

        List<AbstractInsnNode> code = instructions(transformer.instrument(classBytes(PKG + "Containers")),
                "removeByIndexAndByValue");
        assertEquals("(Ljava/util/List;II)Ljava/lang/Object;", hookCall(code, "listRemoveAt").desc);
        assertEquals("(Ljava/util/Collection;Ljava/lang/Object;I)Z", hookCall(code, "collRemove").desc);
        assertEquals("(Ljava/util/List;II)Ljava/lang/Object;", hookCall(code, "listGet").desc);
    }

    @Test
    void listOperationsReportIndexAndElement() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Containers");
        invoke(c, "iterate");
        sink.clear();
        invoke(c, "removeByIndexAndByValue");
        assertEquals(List.of("CLEAR null=null", "ADD null=10", "ADD null=20", "ADD null=1", "ADD null=30",
                "REMOVE null=null", "REMOVE null=null", "INDEX_GET 0=10"), describeOps(staticValue(c, "NUMBERS")));
    }

    @Test
    void computeIfAbsentMergeAndForEachBehaveAsBefore() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Containers", call("computeMergeForEach"),
                call("computeMergeForEach"));
        assertEquals("{g=[first, second]}/t=42", outcomes.get(0).value);
        assertEquals("{g=[first, second, first, second]}/t=84", outcomes.get(1).value);
    }

    @Test
    void computeIfAbsentMergeAndForEachReportTheirOperations() throws Exception {
        Class<?> c = transformedLoader().loadClass(PKG + "Containers");
        invoke(c, "iterate");
        sink.clear();
        invoke(c, "computeMergeForEach");
        assertEquals(List.of("PUT_IF_ABSENT g=[first, second]", "GET g=[first, second]"),
                describeOps(staticValue(c, "GROUPS")));
        assertEquals(List.of("MERGE t=1", "MERGE t=42", "READ_ALL null=null"), describeOps(staticValue(c, "TOTALS")));
    }

    @Test
    void iterationOfAStaticListBehavesAndIsAReadOfAll() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("Containers", call("iterate"));
        assertEquals("xyz", outcomes.get(0).value);

        Class<?> c = transformedLoader().loadClass(PKG + "Containers");
        invoke(c, "hashMapPutGet", "k");
        sink.clear();
        invoke(c, "iterate");
        assertEquals(List.of("READ_ALL null=null"), describeOps(staticValue(c, "ITEMS")));
    }

    @Test
    void nullPointerFromAnUnwatchedCallOnANullStaticIsUnchanged() throws Exception {
        List<Outcome> outcomes = assertBehavesAsOriginal("NullContainers", call("sizeOfMissingList"));
        assertTrue(outcomes.get(0).thrown.startsWith("java.lang.NullPointerException"), outcomes.get(0).thrown);
    }

    @Test
    void nullPointerFromAHookedCallOnANullStaticKeepsItsClassAndWhatWasInvoked() throws Exception {
        // The documented contract for a null receiver (Hooks' class comment): the same exception
        // class, and the JDK's helpful message still names the method that could not be invoked.
        // Only its "because ..." clause names the hook's parameter, since the hook makes the call.
        Object[][] calls = {call("getFromMissingMap")};
        Outcome original = run(originalLoader().loadClass(PKG + "NullContainers"), calls).get(0);
        Outcome transformed = run(transformedLoader().loadClass(PKG + "NullContainers"), calls).get(0);
        String invoked = "java.lang.NullPointerException: Cannot invoke \"java.util.Map.get(Object)\"";
        assertTrue(original.thrown.startsWith(invoked), original.thrown);
        assertTrue(transformed.thrown.startsWith(invoked), transformed.thrown);
    }

    // ---- what is left alone -------------------------------------------------------------------

    @Test
    void classFileOlderThanJava6IsLeftAlone() throws Exception {
        byte[] bytes = classBytes(PKG + "Counter");
        assertNotNull(transformer.instrument(bytes.clone()), "control: the current version is instrumented");

        byte[] old = bytes.clone();
        old[6] = 0;
        old[7] = 49;
        assertNull(transformer.instrument(old));
    }

    @Test
    void transformLeavesNonApplicationClassesAlone() throws Exception {
        byte[] bytes = classBytes(PKG + "Counter");
        assertNull(transformer.transform(TEST_LOADER, "org/example/Counter", null, null, bytes), "not included");
        assertNull(transformer.transform(TEST_LOADER, "java/util/Counter", null, null, bytes), "the JDK");
        assertNull(transformer.transform(TEST_LOADER, "dev/crosstalk/agent/Counter", null, null, bytes),
                "the agent");
        assertNull(transformer.transform(null, "fixtures/statics/Counter", null, null, bytes),
                "the bootstrap loader");
        assertNull(transformer.transform(TEST_LOADER, "fixtures/statics/Counter", Object.class, null, bytes),
                "a redefinition");
        assertNotNull(transformer.transform(TEST_LOADER, "fixtures/statics/Counter", null, null, bytes),
                "control: an application class is transformed");
        assertEquals(1, transformer.transformedCount());
    }

    @Test
    void classThatCannotBeParsedIsLeftUnchangedAndReportedOnce() {
        List<String> failures = new ArrayList<>();
        AccessTransformer t = new AccessTransformer(new ClassFilter(List.of("fixtures"), List.of()), new SiteTable(),
                new FieldTable(100, false), (c, e) -> failures.add(c));
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 55, 1, 2, 3};
        assertNull(t.transform(TEST_LOADER, "fixtures/statics/Broken", null, null, garbage));
        assertNull(t.transform(TEST_LOADER, "fixtures/statics/Broken", null, null, garbage));
        assertEquals(List.of("fixtures.statics.Broken"), failures);
        assertEquals(0, t.transformedCount());
    }

    // ---- helpers: loading, calling, comparing -------------------------------------------------

    private static byte[] classBytes(String className) throws IOException {
        try (InputStream in = TEST_LOADER.getResourceAsStream(className.replace('.', '/') + ".class")) {
            assertNotNull(in, "no class file for " + className);
            return in.readAllBytes();
        }
    }

    private static String asmVerifierErrors(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), TEST_LOADER, false, new PrintWriter(out));
        return out.toString();
    }

    /** Fixtures as compiled. */
    private static ClassLoader originalLoader() {
        return new FixtureLoader(UnaryOperator.identity());
    }

    /** Fixtures as the agent would load them; each class is checked with ASM's verifier first. */
    private ClassLoader transformedLoader() {
        return new FixtureLoader(bytes -> {
            byte[] out = transformer.instrument(bytes);
            assertNotNull(out);
            assertEquals("", asmVerifierErrors(out));
            return out;
        });
    }

    /** Loads {@code fixtures.*} itself (parent-last), everything else (JDK, Hooks) from the test's loader. */
    private static final class FixtureLoader extends ClassLoader {
        private final UnaryOperator<byte[]> rewrite;

        FixtureLoader(UnaryOperator<byte[]> rewrite) {
            super(TEST_LOADER);
            this.rewrite = rewrite;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("fixtures.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try {
                        bytes = rewrite.apply(classBytes(name));
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    private static Object[] call(String method, Object... args) {
        Object[] c = new Object[args.length + 1];
        c[0] = method;
        System.arraycopy(args, 0, c, 1, args.length);
        return c;
    }

    /**
     * Runs the calls in order on a fresh copy of the original fixture and on a fresh transformed
     * copy; the outcomes (values or exceptions) must be equal. Returns the transformed outcomes.
     */
    private List<Outcome> assertBehavesAsOriginal(String simpleName, Object[]... calls) throws Exception {
        List<Outcome> original = run(originalLoader().loadClass(PKG + simpleName), calls);
        List<Outcome> transformed = run(transformedLoader().loadClass(PKG + simpleName), calls);
        assertEquals(original, transformed);
        return transformed;
    }

    private static List<Outcome> run(Class<?> c, Object[][] calls) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Object[] call : calls) {
            outcomes.add(Outcome.of(() -> invoke(c, (String) call[0], Arrays.copyOfRange(call, 1, call.length))));
        }
        return outcomes;
    }

    private static Object callOn(ClassLoader loader, String simpleName, String method, Object... args)
            throws Exception {
        return invoke(loader.loadClass(PKG + simpleName), method, args);
    }

    private static Object invoke(Class<?> c, String name, Object... args) throws Exception {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                m.setAccessible(true);
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(c.getName() + "." + name);
    }

    private static Object staticValue(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    private static void assertInitialiserThrows(Callable<?> action) {
        Outcome o = Outcome.of(action);
        assertNotNull(o.thrown, "expected the initialiser to throw");
        assertTrue(o.thrown.startsWith("java.lang.ExceptionInInitializerError"), o.thrown);
    }

    /** What a call did: returned a value, or threw (class, message and causes). */
    private static final class Outcome {
        final Object value;
        final String thrown;

        private Outcome(Object value, String thrown) {
            this.value = value;
            this.thrown = thrown;
        }

        static Outcome of(Callable<?> action) {
            try {
                return new Outcome(action.call(), null);
            } catch (InvocationTargetException e) {
                return threw(e.getCause());
            } catch (Throwable t) {
                return threw(t);
            }
        }

        private static Outcome threw(Throwable t) {
            if (t instanceof AssertionError) {
                throw (AssertionError) t; // a failed check inside the fixture loader, not the fixture's behaviour
            }
            return new Outcome(null, describe(t));
        }

        private static String describe(Throwable t) {
            String s = t.getClass().getName() + ": " + t.getMessage();
            return t.getCause() == null ? s : s + " caused by " + describe(t.getCause());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome && Objects.equals(value, ((Outcome) o).value)
                    && Objects.equals(thrown, ((Outcome) o).thrown);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, thrown);
        }

        @Override
        public String toString() {
            return thrown != null ? "threw " + thrown : "returned " + value;
        }
    }

    // ---- helpers: bytecode --------------------------------------------------------------------

    private static List<AbstractInsnNode> instructions(byte[] bytes, String methodName) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        for (MethodNode m : node.methods) {
            if (m.name.equals(methodName)) {
                return Arrays.asList(m.instructions.toArray());
            }
        }
        throw new AssertionError("no method " + methodName);
    }

    private static MethodInsnNode hookCall(List<AbstractInsnNode> code, String hook) {
        for (AbstractInsnNode insn : code) {
            if (insn instanceof MethodInsnNode && insn.getOpcode() == Opcodes.INVOKESTATIC
                    && ((MethodInsnNode) insn).owner.startsWith("dev/crosstalk/bootstrap/")
                    && ((MethodInsnNode) insn).name.equals(hook)) {
                return (MethodInsnNode) insn;
            }
        }
        throw new AssertionError("no call of Hooks." + hook);
    }

    // ---- helpers: what the hooks reported -----------------------------------------------------

    private String fieldOf(Event e) {
        Site site = sites.get(e.site);
        assertNotNull(site, "unknown site " + e.site);
        return SiteProbe.fieldOf(site);
    }

    private String location(Event e) {
        Site site = sites.get(e.site);
        assertNotNull(site, "unknown site " + e.site);
        return site.location();
    }

    private List<String> fieldsOf(List<Event> events, Kind kind) {
        return events.stream().filter(e -> e.kind == kind).map(this::fieldOf).collect(Collectors.toList());
    }

    private Set<String> registeredFields() {
        Set<String> names = new LinkedHashSet<>();
        for (int id = 1; id <= sites.size(); id++) {
            String f = SiteProbe.fieldOf(sites.get(id));
            if (f != null) {
                names.add(f);
            }
        }
        return names;
    }

    /** The operations reported on one container, as {@code OP key=value}. */
    private List<String> describeOps(Object container) {
        List<String> ops = new ArrayList<>();
        for (Event e : sink.events()) {
            if (e.kind == Kind.OP && e.container == container) {
                ops.add(e.op + " " + e.key + "=" + e.value);
                assertNull(SiteProbe.fieldOf(sites.get(e.site)), "container call sites name no field");
            }
        }
        return ops;
    }

    private static long count(List<Event> events, Kind kind) {
        return events.stream().filter(e -> e.kind == kind).count();
    }

    private static Event only(List<Event> events, Kind kind) {
        List<Event> matching = events.stream().filter(e -> e.kind == kind).collect(Collectors.toList());
        assertEquals(1, matching.size(), "expected exactly one " + kind + " in " + events);
        return matching.get(0);
    }

    enum Kind { READ, WRITE, OP, INIT_ENTER, INIT_EXIT }

    /** One hook call as the sink received it. */
    static final class Event {
        final Kind kind;
        final int site;
        final ContainerOp op;
        final Object container;
        final Object key;
        final Object value;
        final long bits;

        Event(Kind kind, int site, ContainerOp op, Object container, Object key, Object value, long bits) {
            this.kind = kind;
            this.site = site;
            this.op = op;
            this.container = container;
            this.key = key;
            this.value = value;
            this.bits = bits;
        }

        @Override
        public String toString() {
            return kind + (kind == Kind.INIT_ENTER || kind == Kind.INIT_EXIT ? "" : "@" + site);
        }
    }

    /** Records every hook call; admits the containers it sees in static fields, as the runtime does. */
    static class RecordingSink implements Sink {
        private final List<Event> events = new ArrayList<>();

        synchronized List<Event> events() {
            return new ArrayList<>(events);
        }

        synchronized void clear() {
            events.clear();
        }

        private synchronized void add(Event e) {
            events.add(e);
        }

        private static void admitContainer(Object value) {
            if (value instanceof Map || value instanceof Collection) {
                Gates.admit(value);
            }
        }

        @Override
        public void constructed(Object self) {
            Gates.share(self); // every object is shared here, so that every field hook reports
        }

        @Override
        public void instanceWrite(int site, Object owner, Object value, long bits) {
            add(new Event(Kind.WRITE, site, null, null, null, value, bits));
        }

        @Override
        public void instanceRead(int site, Object owner, Object value, long bits) {
            add(new Event(Kind.READ, site, null, null, null, value, bits));
        }

        @Override
        public void staticRead(int site, Object value) {
            admitContainer(value);
            add(new Event(Kind.READ, site, null, null, null, value, 0L));
        }

        @Override
        public void staticWrite(int site, Object value, long bits) {
            admitContainer(value);
            add(new Event(Kind.WRITE, site, null, null, null, value, bits));
        }

        @Override
        public void containerOp(int site, ContainerOp op, Object container, Object key, Object value) {
            add(new Event(Kind.OP, site, op, container, key, value, 0L));
        }

        @Override
        public Object requestEnter(Object request, int kind, int entry) {
            return null;
        }

        @Override
        public void requestExit(Object token) {
        }

        @Override
        public Object captureContext() {
            return null;
        }

        @Override
        public Object attachContext(Object context) {
            return null;
        }

        @Override
        public void detachContext(Object previous) {
        }

        @Override
        public void classInitEnter() {
            add(new Event(Kind.INIT_ENTER, 0, null, null, null, null, 0L));
        }

        @Override
        public void classInitExit() {
            add(new Event(Kind.INIT_EXIT, 0, null, null, null, null, 0L));
        }
    }
}
