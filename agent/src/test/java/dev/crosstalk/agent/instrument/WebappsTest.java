package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Which webapp a class loader stands for, as Tomcat's loaders and named loaders say it. */
class WebappsTest {

    /** Tomcat's {@code WebappClassLoaderBase} answers the context's base name, or "Unknown" once stopped. */
    public static class TomcatLikeLoader extends ClassLoader {
        private final String contextName;

        TomcatLikeLoader(String loaderName, String contextName) {
            super(loaderName, null);
            this.contextName = contextName;
        }

        public String getContextName() {
            if (contextName == null) {
                throw new IllegalStateException("no context");
            }
            return contextName;
        }
    }

    /** A subclass, as {@code ParallelWebappClassLoader} is of {@code WebappClassLoaderBase}. */
    public static class ParallelLoader extends TomcatLikeLoader {
        ParallelLoader(String contextName) {
            super(null, contextName);
        }
    }

    @Test
    void jdkLoadersAndUnnamedLoadersAreThePlainApplication() {
        assertNull(Webapps.of(null));
        assertNull(Webapps.of(ClassLoader.getSystemClassLoader()));
        assertNull(Webapps.of(ClassLoader.getPlatformClassLoader()));
        assertNull(Webapps.of(new URLClassLoader(new URL[0], null)), "Spring Boot's and most loaders have no name");
    }

    @Test
    void aTomcatWebappIsItsContextName() {
        assertEquals("shop", Webapps.of(new ParallelLoader("shop")));
        assertEquals("ROOT", Webapps.of(new ParallelLoader("ROOT")));
        assertEquals("shop##2", Webapps.of(new ParallelLoader("shop##2")));
    }

    @Test
    void aNamedLoaderIsItsName() {
        assertEquals("plugins", Webapps.of(new URLClassLoader("plugins", new URL[0], null)));
        assertEquals("shop-loader", Webapps.of(new TomcatLikeLoader("shop-loader", "Unknown")),
                "a stopped Tomcat loader says Unknown: its own name, if any, is all there is");
        assertNull(Webapps.of(new ParallelLoader("Unknown")));
    }

    @Test
    void aLoaderThatCannotSayIsThePlainApplication() {
        assertNull(Webapps.of(new ParallelLoader(null)), "getContextName threw");
    }
}
