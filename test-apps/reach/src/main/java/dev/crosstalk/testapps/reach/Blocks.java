package dev.crosstalk.testapps.reach;

/** Reads one byte of a file at a position, as a jar's entries are read: through a buffer of one block. */
interface Blocks {
    /** The byte at {@code position}. */
    int read(long position);
}
