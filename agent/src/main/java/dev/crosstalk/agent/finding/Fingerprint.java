package dev.crosstalk.agent.finding;


/**
 * Fingerprints: the same bug gives the same fingerprint on every restart and host, so they are made
 * only of the finding type, the state and the code sites, never of ids, identity hashes or times.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** {@code ct1-} and 16 hex digits of SHA-256 over the parts. */
    public static String of(FindingType type, String state, String... sites) {
        StringBuilder sb = new StringBuilder(type.id()).append('\n').append(state);
        for (String s : sites) {
            sb.append('\n').append(s);
        }
        return "ct1-" + Sha256.hex(sb.toString(), 8);
    }
}
