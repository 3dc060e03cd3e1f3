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
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(STATE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String source = Files.readString(f);
                if (source.contains("dev.crosstalk.agent.finding") || source.contains("dev.crosstalk.agent.report")) {
                    offending.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), offending);
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
}
