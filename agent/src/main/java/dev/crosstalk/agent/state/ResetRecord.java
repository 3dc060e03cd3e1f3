package dev.crosstalk.agent.state;

/** A request replaced or cleared a shared state: who, where, on which thread. */
public final class ResetRecord {
    public final RequestInfo request;
    public final String thread;
    public final Site site;
    public final int epoch;

    public ResetRecord(RequestInfo request, String thread, Site site, int epoch) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.epoch = epoch;
    }
}
