package dev.crosstalk.agent.state;


/** Test access, from other packages, to what a {@link Site} keeps package-private. */
public final class SiteProbe {
    private SiteProbe() {
    }

    /** The state name of the static field the site accesses, or null for a container call site. */
    public static String fieldOf(Site site) {
        return site.field() == null ? null : site.field().stateName();
    }

    /** The field or call the site names (an instance field's name, a thread-local's state). */
    public static String memberOf(Site site) {
        return site.member();
    }

    public static boolean readModifyWrite(Site site) {
        return site.readModifyWrite();
    }
}
