package dev.crosstalk.agent.instrument;

import java.lang.reflect.Method;

/**
 * Which application of a shared JVM a class belongs to, from its class loader: a servlet container
 * gives each webapp its own loader, so the same WAR deployed twice has two classes of every name.
 * Only the name is kept (never the loader), so an undeployed webapp's loader can be collected.
 */
public final class Webapps {
    private Webapps() {
    }

    /**
     * The webapp of classes loaded by {@code loader}: the name a Tomcat webapp loader reports (the
     * context's base name: {@code shop} for {@code /shop}, {@code ROOT} for the root context, the WAR's
     * or directory's name in {@code webapps/}), else the loader's own name; null for the JDK's
     * loaders and unnamed loaders, whose classes are one plain application's, so that their state names
     * and fingerprints stay as they have always been.
     */
    public static String of(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getSystemClassLoader()
                || loader == ClassLoader.getPlatformClassLoader()) {
            return null;
        }
        try {
            String context = contextName(loader);
            // "Unknown": a Tomcat loader whose context is gone (stopped); its classes are no webapp's now.
            return context != null && !context.isEmpty() && !context.equals("Unknown") ? context : loader.getName();
        } catch (Throwable t) {
            return null; // a loader that cannot say is treated as the plain application's
        }
    }

    /** Tomcat's {@code WebappClassLoaderBase.getContextName()}, by reflection: the agent has no Tomcat API. */
    private static String contextName(ClassLoader loader) throws ReflectiveOperationException {
        for (Class<?> c = loader.getClass(); c != null && c != ClassLoader.class; c = c.getSuperclass()) {
            Method m;
            try {
                m = c.getDeclaredMethod("getContextName");
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (m.getReturnType() != String.class || !java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                return null;
            }
            return (String) m.invoke(loader);
        }
        return null;
    }
}
