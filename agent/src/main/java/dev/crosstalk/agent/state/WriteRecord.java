package dev.crosstalk.agent.state;

/** The last write of a state: by whom, where, and a digest of the value (never the value itself). */
public final class WriteRecord {
    public final RequestInfo request; // null: written outside any request (initialisation)
    public final String thread;
    public final Site site;
    public final long digest;

    public WriteRecord(RequestInfo request, String thread, Site site, long digest) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.digest = digest;
    }
}
