package dev.crosstalk.testapps.reach;

/** Exchange rates shown to every user. */
interface Quotes {
    /** Replaces the rates; {@code gate} lets a test pause it half-way. */
    void refresh(String eur, String gate);

    /** The rates as a line, or null when one of them is missing. */
    String show(String gate);
}
