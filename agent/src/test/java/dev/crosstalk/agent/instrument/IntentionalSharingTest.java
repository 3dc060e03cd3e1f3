package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteProbe;
import dev.crosstalk.agent.state.SiteTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Static fields and classes marked {@code @ThreadSafe}, {@code @Immutable} or {@code @GuardedBy} (class
 * retention, matched by simple name) get no hooks, whichever class is instrumented first.
 */
class IntentionalSharingTest {
    private static final String PKG = "fixtures.marked.";
    private static final ClassLoader TEST_LOADER = IntentionalSharingTest.class.getClassLoader();

    private final SiteTable sites = new SiteTable();
    private final IntentionalSharing sharing = new IntentionalSharing();
    private final AccessTransformer transformer = new AccessTransformer(new ClassFilter(List.of("fixtures"), List.of()),
            sites, new FieldTable(100, false), (c, e) -> fail("could not instrument " + c + ": " + e), sharing);

    @Test
    void annotationsAreMatchedBySimpleNameFromAnyPackage() {
        assertTrue(IntentionalSharing.marksField("Ljavax/annotation/concurrent/GuardedBy;"));
        assertTrue(IntentionalSharing.marksField("Lnet/jcip/annotations/Immutable;"));
        assertTrue(IntentionalSharing.marksClass("Lnet/jcip/annotations/ThreadSafe;"));
        assertTrue(IntentionalSharing.marksClass("Lcom/acme/Annotations$Immutable;"));
        assertFalse(IntentionalSharing.marksClass("Ljavax/annotation/concurrent/GuardedBy;"), "a lock guards fields");
        assertFalse(IntentionalSharing.marksClass("Lnet/jcip/annotations/NotThreadSafe;"));
        assertFalse(IntentionalSharing.marksField("Lcom/acme/ThreadSafeish;"));
        assertFalse(IntentionalSharing.marksField("Ljavax/annotation/Nonnull;"));
    }

    @Test
    void markedStaticFieldsOfTheClassItselfGetNoHooks() throws Exception {
        instrument("Caches", null);
        Set<String> watched = watchedFields();
        assertFalse(watched.contains(PKG + "Caches.guarded"), "@GuardedBy (class retention): " + watched);
        assertFalse(watched.contains(PKG + "Caches.names"), "@Immutable (runtime retention): " + watched);
        assertTrue(watched.contains(PKG + "Caches.plain"), "control: the unmarked twin is watched: " + watched);
        assertTrue(watched.contains(PKG + "Caches.notSafe"), "@NotThreadSafe is no mark: " + watched);
        assertFalse(sharing.isMarkedClass(PKG + "Caches"));
    }

    @Test
    void classMarkedThreadSafeHasNoWatchedStaticFieldAndIsKnownAsMarked() throws Exception {
        instrument("SafeRegistry", null);
        assertEquals(Set.of(), fieldsOf("SafeRegistry"));
        assertTrue(sharing.isMarkedClass(PKG + "SafeRegistry"));
        assertTrue(sharing.isMarkedClass("fixtures/marked/SafeRegistry"));
    }

    @Test
    void accessFromAClassInstrumentedBeforeTheOwnerLoadsReadsTheOwnersClassFile() throws Exception {
        instrument("Outside", TEST_LOADER);
        assertEquals(Set.of(PKG + "Caches.plain"), watchedFields());
        assertTrue(sharing.isMarkedClass(PKG + "SafeRegistry"), "read ahead through the loader");
    }

    @Test
    void ownerInstrumentedFirstIsKnownWithoutALoader() throws Exception {
        instrument("Caches", null);
        instrument("SafeRegistry", null);
        int before = sites.size();
        instrument("Outside", null);
        assertEquals(Set.of(PKG + "Caches.plain"), watchedFields(before));
    }

    @Test
    void ownerNeitherSeenNorReadableIsWatched() throws Exception {
        // Without the owner's class file the marks are unknown: its fields are watched as unmarked ones are.
        instrument("Outside", null);
        assertEquals(Set.of(PKG + "Caches.guarded", PKG + "Caches.plain", PKG + "SafeRegistry.registrations"),
                watchedFields());
    }

    @Test
    void instrumentedMarkedClassesBehaveAsCompiled() throws Exception {
        ClassLoader loader = new ClassLoader(TEST_LOADER) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith(PKG) || name.endsWith("GuardedBy") || name.endsWith("ThreadSafe")
                        || name.endsWith("Immutable")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        try {
                            byte[] out = transformer.instrument(bytes(name.substring(PKG.length())), this);
                            c = defineClass(name, out, 0, out.length);
                        } catch (IOException e) {
                            throw new ClassNotFoundException(name, e);
                        }
                    }
                    return c;
                }
            }
        };
        assertEquals("vvv2", loader.loadClass(PKG + "Caches").getMethod("use", String.class, String.class)
                .invoke(null, "k", "v"));
        assertEquals("v1", loader.loadClass(PKG + "SafeRegistry").getMethod("register", String.class, String.class)
                .invoke(null, "k", "v"));
        assertEquals("0/0/7", loader.loadClass(PKG + "Outside").getMethod("touch").invoke(null));
    }

    private void instrument(String simpleName, ClassLoader loader) throws IOException {
        assertNotNull(transformer.instrument(bytes(simpleName), loader), simpleName + " has methods to instrument");
    }

    private static byte[] bytes(String simpleName) throws IOException {
        try (InputStream in = TEST_LOADER.getResourceAsStream("fixtures/marked/" + simpleName + ".class")) {
            assertNotNull(in, simpleName);
            return in.readAllBytes();
        }
    }

    private Set<String> watchedFields() {
        return watchedFields(0);
    }

    /** The static fields of the sites registered after site {@code after}. */
    private Set<String> watchedFields(int after) {
        Set<String> names = new TreeSet<>();
        for (int id = after + 1; id <= sites.size(); id++) {
            String f = SiteProbe.fieldOf(sites.get(id));
            if (f != null) {
                names.add(f);
            }
        }
        return names;
    }

    private Set<String> fieldsOf(String simpleName) {
        Set<String> out = new TreeSet<>();
        for (String f : watchedFields()) {
            if (f.startsWith(PKG + simpleName + ".")) {
                out.add(f);
            }
        }
        return out;
    }
}
