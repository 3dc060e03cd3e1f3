package dev.crosstalk.agent.state;

/** The last write of a state: by whom, where, and a digest of the value (never the value itself). */
public final class WriteRecord {
    /** The request that wrote; null for a write outside any request (initialisation). */
    public final RequestInfo request;
    /** The name of the thread that wrote. */
    public final String thread;
    /** Where it was written. */
    public final Site site;
    /** A digest of the value written (see {@link Values#digest}). */
    public final long digest;
    /** The writer's inputs the value was computed from (and a key, if any, leaves out); null if none. */
    public final dev.crosstalk.agent.userdata.Mark mark;

    /** A write carrying no request-derived value. */
    public WriteRecord(RequestInfo request, String thread, Site site, long digest) {
        this(request, thread, site, digest, null);
    }

    /** A write whose value derives from the inputs {@code mark} names (null for none). */
    public WriteRecord(RequestInfo request, String thread, Site site, long digest,
            dev.crosstalk.agent.userdata.Mark mark) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.digest = digest;
        this.mark = mark;
    }

    /**
     * The record of a write made now on this thread at {@code site}: by {@code request} (null outside
     * requests), with the writer's inputs {@code mark} the value derives from, beyond a key's. The
     * site's sample stack is taken at its first request write, for the evidence findings show.
     */
    public static WriteRecord now(RequestContext request, Site site, long digest,
            dev.crosstalk.agent.userdata.Mark mark) {
        if (request == null) {
            return new WriteRecord(null, null, site, digest);
        }
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture());
        }
        return new WriteRecord(request.info(), VirtualThreads.currentName(), site, digest, mark);
    }
}
