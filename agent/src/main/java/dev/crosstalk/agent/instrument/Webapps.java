package dev.crosstalk.agent.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Which application of a shared JVM a class belongs to, from its class loader: a servlet container
 * gives each webapp its own loader, so the same WAR deployed twice has two classes of every name.
 * Only the name is kept (never the loader), so an undeployed webapp's loader can be collected.
 */
public final class Webapps {
    /**
     * Tomcat's {@code WebappClassLoaderBase.getContextName()} per loader class, found once: the agent
     * has no Tomcat API, and looking a method up by reflection for every class loaded would be slow.
     * Kept with the loader's class, which a webapp's undeployment does not unload.
     */
    private static final ClassValue<Optional<Method>> CONTEXT_NAME = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> loaderType) {
            try {
                Method m = loaderType.getMethod("getContextName");
                return m.getReturnType() == String.class && Modifier.isPublic(m.getDeclaringClass().getModifiers())
                        ? Optional.of(m) : Optional.empty();
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };

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
            Optional<Method> contextName = CONTEXT_NAME.get(loader.getClass());
            String context = contextName.isPresent() ? (String) contextName.get().invoke(loader) : null;
            // "Unknown": a Tomcat loader whose context is gone (stopped); its classes are no webapp's now.
            return context != null && !context.isEmpty() && !context.equals("Unknown") ? context : loader.getName();
        } catch (Throwable t) {
            return null; // a loader that cannot say is treated as the plain application's
        }
    }
}
