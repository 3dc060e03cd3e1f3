package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.WeakIdentityMap;
import java.lang.reflect.Method;

/**
 * Servlet requests that called {@code startAsync}, so that the container's async dispatch of one is the
 * same request again rather than a new one. Containers dispatch a wrapper of the original request (Jetty's
 * {@code Dispatcher$AsyncRequest}), so a dispatched request is unwrapped through
 * {@code ServletRequestWrapper.getRequest()} until a started one is found.
 */
final class AsyncDispatches {
    private static final int MAX_WRAPPERS = 8;

    private static final ClassValue<Method> GET_REQUEST = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            Class<?> wrapper = RequestReader.find(type, "jakarta.servlet.ServletRequestWrapper");
            if (wrapper == null) {
                wrapper = RequestReader.find(type, "javax.servlet.ServletRequestWrapper");
            }
            try {
                return wrapper == null ? null : wrapper.getMethod("getRequest");
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private final WeakIdentityMap<RequestContext> started = new WeakIdentityMap<>(100_000);

    void started(Object request, RequestContext context) {
        started.put(request, context);
    }

    /** The request that started async processing on {@code request} or one it wraps; null when none did. */
    RequestContext resumed(Object request) throws ReflectiveOperationException {
        Object r = request;
        for (int i = 0; i < MAX_WRAPPERS && r != null; i++) {
            RequestContext context = started.get(r);
            if (context != null) {
                return context;
            }
            Method unwrap = GET_REQUEST.get(r.getClass());
            r = unwrap == null ? null : unwrap.invoke(r);
        }
        return null;
    }
}
