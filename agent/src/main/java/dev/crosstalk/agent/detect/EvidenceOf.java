package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.Stacks;
import java.util.Arrays;

/**
 * The one way to turn what the state room kept into a finding's evidence (with the webapp of the
 * site's class, in a servlet container with several): the other side of a
 * finding (a writer, a resetter, a publisher, an earlier caller) is shown with its site's sampled
 * stack; the side that is running now with its own stack.
 */
public final class EvidenceOf {
    private EvidenceOf() {
    }

    /**
     * An earlier access at {@code site} by {@code request} (null outside requests, shown as {@code
     * outside}) on {@code thread}, with the stack sampled at the site's first request access.
     */
    public static Evidence earlier(RequestInfo request, String outside, String thread, Site site) {
        String[] stack = site.sampleStack();
        return new Evidence(request == null ? 0 : request.id(), request == null ? outside : request.label(), thread,
                request == null ? null : request.sessionKey(), site.location(),
                stack == null ? null : Arrays.asList(stack)).withWebapp(site.webapp());
    }

    /** The current thread at {@code site}, for {@code request}; outside requests, "(no request)". */
    public static Evidence now(RequestContext request, Site site) {
        if (request == null) {
            return new Evidence(0, "(no request)", VirtualThreads.currentName(), null, site.location(),
                    Arrays.asList(Stacks.capture())).withWebapp(site.webapp());
        }
        RequestInfo r = request.info();
        return new Evidence(r.id(), r.label(), VirtualThreads.currentName(), r.sessionKey(), site.location(),
                Arrays.asList(Stacks.capture()), System.currentTimeMillis()).withWebapp(site.webapp());
    }
}
