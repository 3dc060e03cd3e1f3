package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.bootstrap.ContainerOp;
import java.util.Map;

/**
 * What an operation on a container means to the open publication windows (SPEC: partial-init-read):
 * which ops fill a published object and which read it, and under which member name. {@link Publications}
 * judges the fills and reads it is handed.
 */
public final class WindowFeed {
    private final Publications publications;
    private final FieldTable fields;

    /** Feeds {@code publications}; {@code fields} shows keys as findings name them. */
    public WindowFeed(Publications publications, FieldTable fields) {
        this.publications = publications;
        this.fields = fields;
    }

    /** Feeds an operation on a container to the open publication windows. */
    public void containerOp(ContainerOp op, Object container, Object key, Object value, Site site,
            RequestContext request) {
        switch (op) {
            case GET:
                publications.read(container, fields.shownKey(key), value == null, site, request);
                return;
            case CONTAINS:
                publications.read(container, key == null ? "[*]" : fields.shownKey(key), !Boolean.TRUE.equals(value),
                        site, request);
                return;
            case PUT_IF_ABSENT:
                publications.write(container, fields.shownKey(key), site,
                        container instanceof java.util.concurrent.ConcurrentMap);
                return;
            case PUT:
            case MERGE:
                publications.write(container, fields.shownKey(key), site);
                return;
            case PUT_ALL:
                if (value instanceof Map) {
                    for (Object k : ((Map<?, ?>) value).keySet()) {
                        publications.write(container, fields.shownKey(k), site);
                    }
                }
                return;
            case ADD:
            case INDEX_SET:
                publications.write(container, "[*]", site);
                return;
            case INDEX_GET:
            case READ_ALL:
            case REMOVE:
            case CLEAR:
                return; // neither fills a published object nor reads one before it is filled
            default:
                throw op.unhandled();
        }
    }
}
