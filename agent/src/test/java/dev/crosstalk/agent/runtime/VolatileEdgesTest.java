package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard flag's fixed twin through the recorder, as the hooks drive it: a request fills a static
 * table and then writes a {@code volatile} flag; another request, while the first is still in flight,
 * reads the flag and then the table. Ordered by the flag, quiet; the same without the flag's read, or
 * with the flag of another object, is a race.
 */
class VolatileEdgesTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);

    private final StaticField rates = fields.field("com/acme/Rates", "RATES", "Ljava/util/Map;");
    private final int loadRates = sites.register("com.acme.Rates", "rate", "Rates.java", 20, rates, false, null, 0);
    private final int put = sites.register("com.acme.Rates", "rate", "Rates.java", 21, null, false, null, 0);
    private final int get = sites.register("com.acme.Rates", "rate", "Rates.java", 30, null, false, null, 0);
    private final int staticFlag = sites.register("com.acme.Rates", "rate", "Rates.java", 22, null, false,
            "com.acme.Rates.loaded", 0);
    private final int fieldFlag = sites.register("com.acme.Board", "rate", "Board.java", 22, null, false,
            "com.acme.Board.ready", 0);

    private final Map<String, String> table = new HashMap<>();

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    private void fill() {
        recorder.staticRead(loadRates, table);
        recorder.containerOp(put, ContainerOp.PUT, table, "EUR", "1.10");
    }

    private void look() {
        recorder.staticRead(loadRates, table);
        recorder.containerOp(get, ContainerOp.GET, table, "EUR", "1.10");
    }

    @Test
    void aTableFilledThenPublishedByAVolatileStaticFlagIsQuiet() {
        Requests.secondWhileFirstInFlight(recorder, "loader", () -> {
            fill();
            recorder.volatileAccess(staticFlag, null, true);
        }, () -> {
            recorder.volatileAccess(staticFlag, null, false);
            look();
        });
        assertEquals(List.of(), races());
    }

    @Test
    void aVolatileInstanceFlagOrdersOnlyThroughTheSameObject() {
        Object board = new Object();
        Requests.secondWhileFirstInFlight(recorder, "loader", () -> {
            fill();
            recorder.volatileAccess(fieldFlag, board, true);
        }, () -> {
            recorder.volatileAccess(fieldFlag, board, false);
            look();
        });
        assertEquals(List.of(), races());

        table.clear();
        Requests.secondWhileFirstInFlight(recorder, "loader", () -> {
            fill();
            recorder.volatileAccess(fieldFlag, new Object(), true);
        }, () -> {
            recorder.volatileAccess(fieldFlag, new Object(), false);
            look();
        });
        assertEquals(List.of("com.acme.Rates.RATES"), races(), "another board's flag orders nothing");
    }

    @Test
    void theFlagWrittenButNotReadOrdersNothing() {
        Requests.secondWhileFirstInFlight(recorder, "loader", () -> {
            fill();
            recorder.volatileAccess(staticFlag, null, true);
        }, this::look);
        assertEquals(List.of("com.acme.Rates.RATES"), races());
    }

    @Test
    void theFlagWrittenBeforeTheFillOrdersNothing() {
        Requests.secondWhileFirstInFlight(recorder, "loader", () -> {
            recorder.volatileAccess(staticFlag, null, true);
            fill();
        }, () -> {
            recorder.volatileAccess(staticFlag, null, false);
            look();
        });
        assertEquals(List.of("com.acme.Rates.RATES"), races());
    }

    private List<String> races() {
        List<String> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            if (f.type() == FindingType.UNSAFE_CONCURRENT_MUTATION) {
                out.add(f.state());
            }
        }
        return out;
    }
}
