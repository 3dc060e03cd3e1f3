package dev.crosstalk.agent.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of text, as hex digits: fingerprints and session keys both name things by it. */
public final class Sha256 {
    private Sha256() {
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code text} in UTF-8, as 2 × bytes lower-case hex digits. */
    public static String hex(String text, int bytes) {
        byte[] d = digest(text);
        StringBuilder hex = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            hex.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
        }
        return hex.toString();
    }

    /**
     * A fresh digest to clone: looking the algorithm up among the security providers costs more than
     * hashing a session id, and session keys are hashed on every request that has a session.
     */
    private static final MessageDigest PROTOTYPE = prototype();

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The SHA-256 of {@code text} in UTF-8. */
    public static byte[] digest(String text) {
        MessageDigest d;
        try {
            d = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            d = prototype(); // a provider whose digest cannot be cloned: look it up each time
        }
        return d.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
