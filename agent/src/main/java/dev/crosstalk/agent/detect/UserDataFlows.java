package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.agent.userdata.ClockSites;
import dev.crosstalk.agent.userdata.Source;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts what the writer's value was derived from (its {@link dev.crosstalk.agent.userdata.Mark}) and
 * the two requests' users before the judges: a request-derived value read by another user is
 * {@link UserDataJudge}'s; a value refreshed from the clock with no request input in it is not
 * per-request data; the rest is {@link FlowJudge}'s.
 */
final class UserDataFlows {
    private UserDataFlows() {
    }

    static FlowJudge.Verdict judge(StateCell cell, WriteRecord w, RequestInfo reader, FlowFacts facts) {
        String state = cell.keyed() ? cell.root().stateName() : cell.name();
        FlowJudge.Verdict v = UserDataJudge.judge(state, cell.keyed(), w.mark == null ? null : w.mark.describe(),
                w.request.toString(), w.request.sessionKey(), reader.toString(), reader.sessionKey());
        if (v != null) {
            return v;
        }
        v = FlowJudge.judge(facts);
        if (v.severity() != Severity.INFO && cell.diverged() && !cell.keyed() && !cell.userDerived()
                && ClockSites.contains(w.site.id())) {
            return UserDataJudge.clock(state, w.request.toString(), reader.toString());
        }
        return v;
    }

    /** {@code source}: the first input the value came from (kind, name, the writer's request id); else null. */
    static Map<String, Object> details(FlowJudge.Verdict verdict, WriteRecord w, RequestInfo reader) {
        if (w.mark == null || verdict.severity() != Severity.ERROR
                || !UserDataJudge.differentUsers(w.request.sessionKey(), reader.sessionKey())) {
            return null;
        }
        Source s = w.mark.sources().get(0);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", s.kind());
        if (s.name() != null) {
            source.put("name", s.name());
        }
        source.put("requestId", w.request.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source);
        return details;
    }
}
