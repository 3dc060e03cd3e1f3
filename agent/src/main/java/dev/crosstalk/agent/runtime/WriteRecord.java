package dev.crosstalk.agent.runtime;

/** The last write of a state: by whom, where, and a digest of the value (never the value itself). */
final class WriteRecord {
    final RequestInfo request; // null: written outside any request (initialisation)
    final String thread;
    final Site site;
    final long digest;
    /** The writer's inputs the value was computed from (and a key, if any, leaves out); null if none. */
    final dev.crosstalk.agent.userdata.Mark mark;

    WriteRecord(RequestInfo request, String thread, Site site, long digest) {
        this(request, thread, site, digest, null);
    }

    WriteRecord(RequestInfo request, String thread, Site site, long digest, dev.crosstalk.agent.userdata.Mark mark) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.digest = digest;
        this.mark = mark;
    }
}
