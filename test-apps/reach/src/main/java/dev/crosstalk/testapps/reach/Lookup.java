package dev.crosstalk.testapps.reach;

/** Exchange rates by currency code, loaded on first use. */
interface Lookup {
    /** The rate of {@code code}, or null when unknown; {@code gate} lets a test pause the first load. */
    String rate(String code, String gate);
}
