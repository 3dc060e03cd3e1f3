package dev.crosstalk.agent.runtime;

/** A request replaced or cleared a shared state: who, where, on which thread. */
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
