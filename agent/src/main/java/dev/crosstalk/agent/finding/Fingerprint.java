package dev.crosstalk.agent.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("ct1-");
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
