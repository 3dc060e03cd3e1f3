package dev.crosstalk.bootstrap;

/**
 * Reads the method and URI of a server's request for the agent, through a class the agent defines
 * beside the server's request API (see {@link ServletAccess} for why it lives on the boot class path).
 */
public interface LabelAccess {
    /** The request method: {@code GET}. */
    String method(Object request);

    /** The request URI, with its query string if the API gives one. */
    String uri(Object request);
}
