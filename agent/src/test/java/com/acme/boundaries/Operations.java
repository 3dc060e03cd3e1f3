package com.acme.boundaries;

/** Stands in for Reactor Netty's {@code ChannelOperations}: renamed to it before weaving. */
public class Operations {
    private int inbound;

    public void onInboundNext(Object context, Object message) {
        inbound++;
    }

    public void onInboundComplete() {
        inbound++;
    }

    public int inbound() {
        return inbound;
    }
}
