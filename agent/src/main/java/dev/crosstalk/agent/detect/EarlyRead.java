package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.state.Site;

/** Another thread read a part of a published object that was missing then (see {@link Publications}). */
final class EarlyRead {
    /** The part it missed, named as {@link WindowFill#what} names fills. */
    final String what;
    /** Who read, and where. */
    final Evidence reader;
    final Site site;
    /** How many fills the window had when the read happened: only a later fill of the part counts. */
    final int fillsBefore;
    /** A key of a container rather than a field of an object. */
    final boolean key;

    EarlyRead(String what, Evidence reader, Site site, int fillsBefore, boolean key) {
        this.what = what;
        this.reader = reader;
        this.site = site;
        this.fillsBefore = fillsBefore;
        this.key = key;
    }
}
