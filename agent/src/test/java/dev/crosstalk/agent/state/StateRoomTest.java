package dev.crosstalk.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What is kept knows nothing of what is judged: no finding, severity or message in the state room. */
class StateRoomTest {
    private static final Path STATE = Path.of("src/main/java/dev/crosstalk/agent/state");

    @Test
    void theStateRoomDoesNotUseTheFindingModel() throws IOException {
        assertTrue(Files.isDirectory(STATE), STATE.toAbsolutePath() + " (the module's own sources)");
        List<String> offending = filesNaming("dev.crosstalk.agent.finding", "dev.crosstalk.agent.report");
        assertEquals(List.of(), offending);
    }

    @Test
    void theStateRoomDependsOnNoDetectorNorOnTheDispatcher() throws IOException {
        assertTrue(Files.isDirectory(STATE), STATE.toAbsolutePath() + " (the module's own sources)");
        List<String> offending = filesNaming("dev.crosstalk.agent.detect", "dev.crosstalk.agent.runtime");
        assertEquals(List.of(), offending, "state files that import or name detect or runtime");
    }

    @Test
    void aDetectorsPerRequestDataIsMadeOnceAndKeptApartFromAnotherKind() {
        PerRequest<StringBuilder> one = new PerRequest<>(StringBuilder::new);
        PerRequest<StringBuilder> other = new PerRequest<>(StringBuilder::new);
        RequestContext request = new RequestContext(new RequestInfo(1, "GET /a", "t1", null));
        request.data(one).append("x");
        assertEquals("x", request.data(one).toString());
        assertEquals("", request.data(other).toString());
        assertEquals("", new RequestContext(new RequestInfo(2, "GET /b", "t2", null)).data(one).toString(),
                "another request's data");
    }

    @Test
    void notesAreCappedAndAFullTableStillReplacesANoteItHas() {
        Notes<StaticField, String> notes = new Notes<>(2);
        StaticField a = field("a");
        StaticField b = field("b");
        StaticField c = field("c");
        notes.put(a, "a1");
        notes.put(b, "b1");
        notes.put(c, "c1");
        assertNull(notes.get(c), "past the cap");
        assertEquals(1, notes.dropped());
        notes.put(a, "a2");
        assertEquals("a2", notes.get(a));
        assertEquals(2, notes.size());
        assertEquals("b1", notes.get(b));
    }

    private static StaticField field(String name) {
        return new StaticField("com.acme.Foo." + name, "Ljava/util/Map;", 10, new java.util.concurrent.atomic.AtomicLong(),
                false);
    }

    /** The state room's source files that name any of {@code packages}. */
    private static List<String> filesNaming(String... packages) throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(STATE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String source = Files.readString(f);
                for (String p : packages) {
                    if (source.contains(p)) {
                        offending.add(f.getFileName().toString());
                        break;
                    }
                }
            }
        }
        return offending;
    }
}
