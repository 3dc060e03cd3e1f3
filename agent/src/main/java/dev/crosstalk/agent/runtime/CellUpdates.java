package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.Accumulations;
import dev.crosstalk.agent.detect.Flows;
import dev.crosstalk.agent.detect.GuardFlags;
import dev.crosstalk.agent.detect.Resets;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.agent.userdata.Mark;
import dev.crosstalk.agent.userdata.UserMarks;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.Gates;
import java.util.Map;

/**
 * Keeps the cells of shared state ({@link StateCell}) up to date with what a write or a container
 * operation did: the last write of each cell, what a request read or reset. Reads of cells another
 * request wrote go to {@link Flows}; whether a write accumulates is {@link Accumulations}' call.
 */
final class CellUpdates {
    /** How many entries of one {@code putAll} are recorded; the rest of a large copy is left out. */
    private static final int MAX_PUT_ALL = 1000;

    private final Flows flows;
    private final Resets resets;
    private final GuardFlags guards;

    CellUpdates(Flows flows, Resets resets, GuardFlags guards) {
        this.flows = flows;
        this.resets = resets;
        this.guards = guards;
    }

    /**
     * {@code field}'s value (a static or an instance field of a shared object) was written at
     * {@code site}. A fresh container replaces the contents: what this request adds next overwrites,
     * not accumulates, and its keys carry the flows, unless it holds this request's user data already
     * (a model map kept in a singleton): then reading the field reads that data.
     */
    void valueWritten(StaticField field, Site site, RequestContext request, long digest, Mark mark,
            boolean container, boolean instance) {
        StateCell cell = field.valueCell();
        WriteRecord w = WriteRecord.now(request, site, digest, mark);
        if (request == null) {
            cell.initWrite(w);
            return;
        }
        if (container) {
            request.remember(field.contentsCell(), RequestContext.RESET);
            if (mark == null) {
                cell.initWrite(w);
                return;
            } // filled with this request's user data already: storing it is a write of that data
        }
        if (!field.requestWritten) {
            field.requestWritten();
            if (instance) {
                Gates.sharedFieldWritten();
            }
        }
        boolean accumulation = Accumulations.ofValue(site, request, cell);
        StaticField key = accumulation ? null : Accumulations.refillOf(field, request, ThreadState.get());
        boolean keyWritten = key != null && request.did(key.valueCell(), RequestContext.WRITTEN);
        cell.requestWrite(w, accumulation, key, keyWritten);
        Accumulations.written(field, request, key != null && !keyWritten);
    }

    /** {@code op} ran on the container tracked under {@code field}. */
    void containerOp(ContainerOp op, StaticField field, Object key, Object value, Site site, ThreadState ts,
            RequestContext request) {
        switch (op) {
            case GET:
            case INDEX_GET: {
                if (request == null || value == null) {
                    return;
                }
                StateCell cell = op == ContainerOp.GET ? field.keyCell(key) : field.contentsCell();
                request.remember(cell, RequestContext.READ_PRESENT);
                if (op == ContainerOp.GET) {
                    UserMarks.lookedUp(request, key, value);
                }
                if (field.requestWritten) {
                    flows.read(cell, site, request, Values.digest(value), true);
                }
                return;
            }
            case CONTAINS:
                if (request != null && Boolean.TRUE.equals(value)) {
                    request.remember(key == null ? field.contentsCell() : field.keyCell(key),
                            RequestContext.READ_PRESENT);
                }
                return;
            case READ_ALL:
                if (request != null && field.requestWritten) {
                    flows.read(field.contentsCell(), site, request, 0L, false);
                }
                return;
            case PUT:
            case PUT_IF_ABSENT:
            case MERGE: {
                StateCell cell = field.keyCell(key);
                write(field, cell, site, request, Values.digest(value), Accumulations.ofKey(op, request, cell),
                        UserMarks.beyondKey(request, key, value));
                return;
            }
            case INDEX_SET:
                write(field, field.contentsCell(), site, request, Values.digest(value),
                        Accumulations.ofIndexSet(request, field.contentsCell()), UserMarks.markOf(request, value));
                return;
            case PUT_ALL:
                if (value instanceof Map) {
                    int n = 0;
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        if (n++ == MAX_PUT_ALL) {
                            break;
                        }
                        write(field, field.keyCell(e.getKey()), site, request, Values.digest(e.getValue()),
                                Accumulations.COPIED_ENTRY, null);
                    }
                }
                return;
            case ADD: {
                StateCell cell = field.contentsCell();
                write(field, cell, site, request, Values.digest(value), Accumulations.ofAdd(request, cell),
                        UserMarks.markOf(request, value));
                return;
            }
            case REMOVE:
                (key == null ? field.contentsCell() : field.keyCell(key))
                        .initWrite(WriteRecord.now(request, site, 0L, null));
                return;
            case CLEAR:
                guards.emptied(ts, site, request);
                field.contentsCell().initWrite(WriteRecord.now(request, site, 0L, null));
                field.resettable();
                if (request != null) {
                    request.remember(field.contentsCell(), RequestContext.RESET);
                    resets.reset(field, site, request);
                }
                return;
            default:
                throw op.unhandled();
        }
    }

    private static void write(StaticField field, StateCell cell, Site site, RequestContext request, long digest,
            boolean accumulation, Mark mark) {
        WriteRecord w = WriteRecord.now(request, site, digest, mark);
        if (request == null) {
            cell.initWrite(w);
            return;
        }
        field.requestWritten();
        cell.requestWrite(w, accumulation);
        if (cell != field.contentsCell()) {
            field.contentsCell().last = w;
        }
    }
}
