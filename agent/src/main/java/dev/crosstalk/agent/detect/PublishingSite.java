package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.RequestInfo;

/**
 * What a publishing site was seen running in: at start-up (outside requests), and the first request
 * seen running it. The wording of its findings says whether requests race each other there.
 */
final class PublishingSite {
    private boolean startup;
    private String firstRequest;

    /** Notes one more run of the site, by {@code request} or at start-up when null. */
    synchronized void ranIn(RequestInfo request) {
        if (request == null) {
            startup = true;
        } else if (firstRequest == null) {
            firstRequest = request.label();
        }
    }

    synchronized boolean startup() {
        return startup;
    }

    /** The label of the first request seen running the site; null when none. */
    synchronized String firstRequest() {
        return firstRequest;
    }
}
