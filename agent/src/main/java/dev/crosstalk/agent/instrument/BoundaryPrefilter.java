package dev.crosstalk.agent.instrument;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Lets through to the boundary rules only the classes that can hold a request boundary, judged from
 * the class file's bytes before anything is parsed.
 *
 * <p>Why: matching "implements {@code Servlet}" means parsing every loaded class and reading the class
 * files of all its super types through the class loader, for every class the application loads; done
 * by Byte Buddy, on a Spring Boot application, that was most of what the agent cost at start-up. A class can
 * only declare {@code service(ServletRequest, ServletResponse)} or
 * {@code doFilter(ServletRequest, ServletResponse, FilterChain)} if that method descriptor stands
 * in its constant pool, so a byte search for it is a sound first test; the few classes that pass are
 * then matched by the rules. The descriptor also stands in the constant pool of
 * every class that merely calls such a method (a filter chain, a dispatcher), so a hit is confirmed
 * by reading the class's declared methods (and, for a superclass needle, its superclass name) with
 * ASM, skipping code. Types the boundaries name exactly (the JDK executors,
 * the JDK HTTP server's chain, {@code entry=} methods) pass by name, and retransformations (of
 * classes loaded before the agent) always pass.
 */
final class BoundaryPrefilter {

    private final Set<String> names;
    private final byte[][] needles;
    private final List<String> needleTexts;

    /**
     * @param names internal names of the types matched by name ({@code java/util/concurrent/ForkJoinPool})
     * @param needles text that a class file must contain to be matched otherwise (a method descriptor)
     */
    BoundaryPrefilter(Set<String> names, List<String> needles) {
        this.names = Set.copyOf(names);
        this.needleTexts = List.copyOf(needles);
        this.needles = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /** Whether class {@code name} (being redefined when {@code redefined} is not null) may hold a boundary. */
    boolean passes(String name, Class<?> redefined, byte[] bytes) {
        if (redefined != null || name == null || names.contains(name)) {
            return true;
        }
        return constantStartsWithNeedle(bytes) && declares(bytes);
    }

    /**
     * Whether the class declares what a needle stands for: a method whose descriptor begins with a
     * descriptor needle ({@code (Ljakarta/servlet/ServletRequest;…}), a method named by a plain name
     * needle ({@code injectContextData}), or the superclass an internal-name needle names
     * ({@code java/util/TimerTask}). An unreadable class file passes: the rules then decide.
     */
    private boolean declares(byte[] bytes) {
        try {
            ClassReader reader = new ClassReader(bytes);
            for (String needle : needleTexts) {
                if (needle.indexOf('/') > 0 && !needle.startsWith("(") && needle.equals(reader.getSuperName())) {
                    return true;
                }
            }
            boolean[] found = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    for (String needle : needleTexts) {
                        if (needle.startsWith("(") ? descriptor.startsWith(needle)
                                : needle.indexOf('/') < 0 && needle.equals(name)) {
                            found[0] = true;
                        }
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return found[0];
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Whether a text constant of the class file begins with a needle: a method's descriptor, its name
     * and the superclass's name each stand at the start of one. Only the constant pool is walked, and
     * only the start of each text is compared (a search of every byte of every class the application
     * loads cost petclinic a third of a second of CPU at start-up). A class file this walk cannot read
     * passes, for the rules to judge.
     */
    boolean constantStartsWithNeedle(byte[] bytes) {
        try {
            int count = u2(bytes, 8);
            int at = 10;
            for (int index = 1; index < count; index++) {
                int tag = bytes[at];
                switch (tag) {
                    case 1: // Utf8: length, then the text
                        int length = u2(bytes, at + 1);
                        if (startsWithNeedle(bytes, at + 3, length)) {
                            return true;
                        }
                        at += 3 + length;
                        break;
                    case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                        at += 3;
                        break;
                    case 15: // MethodHandle
                        at += 4;
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        at += 5; // Integer, Float, the member refs, NameAndType, Dynamic, InvokeDynamic
                        break;
                    case 5: case 6: // Long and Double take two entries
                        at += 9;
                        index++;
                        break;
                    default:
                        return true;
                }
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException e) {
            return true;
        }
    }

    private boolean startsWithNeedle(byte[] bytes, int start, int length) {
        outer:
        for (byte[] needle : needles) {
            if (needle.length > length || bytes[start] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (bytes[start + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int u2(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }
}
