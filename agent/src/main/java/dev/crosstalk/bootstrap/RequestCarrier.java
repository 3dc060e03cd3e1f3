package dev.crosstalk.bootstrap;

/**
 * A server's own object (a Reactor Netty channel operation, a gRPC stream listener) that carries the
 * request it serves in a field the agent added when its class was loaded. Looking the request up
 * there costs a field read, where a weak identity map costs a lock and a weak reference per request.
 * Classes loaded before the agent cannot gain a field; the agent keeps their requests in a map.
 *
 * <p>The methods are named so that no application method can clash with them.
 */
public interface RequestCarrier {
    /** The request this object serves, as the agent stored it, or null. */
    Object crosstalk$request();

    /** Stores the request this object serves. */
    void crosstalk$request(Object request);
}
