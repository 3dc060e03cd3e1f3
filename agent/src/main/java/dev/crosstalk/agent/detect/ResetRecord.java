package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;

/**
 * A request replaced or cleared a shared state: who, where, on which thread, and the epoch of the
 * state it started (the reset detector's note on the field).
 */
final class ResetRecord {
    final RequestInfo request;
    final String thread;
    final Site site;
    final int epoch;

    ResetRecord(RequestInfo request, String thread, Site site, int epoch) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.epoch = epoch;
    }
}
