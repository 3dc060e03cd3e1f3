package dev.crosstalk.agent.runtime;

import java.lang.reflect.Proxy;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * Reactor Netty's server request interface under its own name, generated in a class loader of its own
 * as an application has it (the agent has no Reactor Netty), and requests of it as proxies: what
 * {@link ServerRequests} reads by name for a request's label.
 */
final class FakeReactorApi {
    /** {@code method()} answers Netty's {@code HttpMethod}, whose {@code name()} the accessor calls. */
    static final FakeReactorApi CURRENT = new FakeReactorApi(true);
    /** {@code method()} answers a plain string: no {@code name()} to call, so method handles read it. */
    static final FakeReactorApi PLAIN = new FakeReactorApi(false);

    final Class<?> request;
    private final Class<?> httpMethod;

    private FakeReactorApi(boolean current) {
        ClassLoader parent = FakeReactorApi.class.getClassLoader();
        httpMethod = !current ? String.class : new ByteBuddy().makeInterface()
                .name("io.netty.handler.codec.http.HttpMethod")
                .defineMethod("name", String.class, Visibility.PUBLIC).withoutCode()
                .make().load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassLoader app = current ? httpMethod.getClassLoader() : parent;
        request = new ByteBuddy().makeInterface().name("reactor.netty.http.server.HttpServerRequest")
                .defineMethod("method", httpMethod, Visibility.PUBLIC).withoutCode()
                .defineMethod("uri", String.class, Visibility.PUBLIC).withoutCode()
                .make().load(app, current ? ClassLoadingStrategy.Default.INJECTION : ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
    }

    /** A request {@code method uri}; {@code uri} may carry a query string. */
    Object request(String method, String uri) {
        Object verb = httpMethod == String.class ? method : Proxy.newProxyInstance(httpMethod.getClassLoader(),
                new Class<?>[] {httpMethod}, (proxy, m, args) -> m.getName().equals("name") ? method : null);
        return Proxy.newProxyInstance(request.getClassLoader(), new Class<?>[] {request},
                (proxy, m, args) -> m.getName().equals("method") ? verb : m.getName().equals("uri") ? uri : null);
    }
}
