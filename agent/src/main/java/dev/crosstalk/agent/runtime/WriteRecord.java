package dev.crosstalk.agent.runtime;

/** The last write of a state: by whom, where, and a digest of the value (never the value itself). */
final class WriteRecord {
    final RequestInfo request; // null: written outside any request (initialisation)
    final String thread;
    final Site site;
    final long digest;

    WriteRecord(RequestInfo request, String thread, Site site, long digest) {
        this.request = request;
        this.thread = thread;
        this.site = site;
        this.digest = digest;
    }
}
