package dev.crosstalk.testapps.userinfo.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * GET /flood/classes?n=N&who=W[&keep=true]: defines N new classes, as template engines and scripting
 * languages do per request, each with its own name and static field, and has each store and read back
 * {@code W-i}. {@code keep=true} keeps this batch for GET /flood/classes?reread=true, which reads every
 * kept class's field again from another request. Answers {@code defined=N answered=N} (or
 * {@code reread=N same=N}): how many classes gave back what their request stored.
 */
class FloodClassesHandler implements HttpHandler {

    private static final String TEMPLATE = "dev/crosstalk/testapps/userinfo/jdkhttp/gen/Gen000000";
    private static final byte[] NAME = "Gen000000".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    /** The kept batch and the values its classes were given. */
    private static volatile List<Function<String, String>> kept = List.of();
    private static volatile List<String> keptValues = List.of();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.allow(exchange, "GET")) {
            return;
        }
        if ("true".equals(Http.param(exchange, "reread"))) {
            List<Function<String, String>> batch = kept;
            List<String> values = keptValues;
            int same = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (values.get(i).equals(batch.get(i).apply(null))) {
                    same++;
                }
            }
            Http.send(exchange, 200, "reread=" + batch.size() + " same=" + same);
            return;
        }
        int n;
        try {
            n = Integer.parseInt(Http.param(exchange, "n"));
        } catch (NumberFormatException e) {
            Http.send(exchange, 400, "n must be a number");
            return;
        }
        String who = Http.param(exchange, "who");
        byte[] template = template();
        List<Function<String, String>> batch = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int answered = 0;
        for (int i = 0; i < n; i++) {
            Function<String, String> generated = generate(template, NEXT.getAndIncrement());
            String value = who + "-" + i;
            if (value.equals(generated.apply(value))) {
                answered++;
            }
            batch.add(generated);
            values.add(value);
        }
        if ("true".equals(Http.param(exchange, "keep"))) {
            kept = batch;
            keptValues = values;
        }
        Http.send(exchange, 200, "defined=" + n + " answered=" + answered);
    }

    /** The template's class file from the application's own jar. */
    private static byte[] template() throws IOException {
        try (InputStream in = FloodClassesHandler.class.getClassLoader().getResourceAsStream(TEMPLATE + ".class")) {
            if (in == null) {
                throw new IOException("no " + TEMPLATE + ".class in the application's jar");
            }
            return in.readAllBytes();
        }
    }

    /**
     * A copy of the template named {@code Gen<number>}, defined in a loader of its own (so that it can be
     * unloaded once unused). The new name has the template's length, so renaming is replacing the bytes of
     * every occurrence of the name in the class file (class, source file, method owners) in place.
     */
    @SuppressWarnings("unchecked")
    private static Function<String, String> generate(byte[] template, int number) throws IOException {
        String digits = Integer.toString(number);
        byte[] name = ("Gen" + "000000".substring(digits.length()) + digits).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = template.clone();
        for (int i = 0; i + NAME.length <= bytes.length; i++) {
            if (matches(bytes, i)) {
                System.arraycopy(name, 0, bytes, i, name.length);
            }
        }
        String className = (TEMPLATE.substring(0, TEMPLATE.length() - NAME.length).replace('/', '.'))
                + new String(name, StandardCharsets.US_ASCII);
        try {
            Class<?> c = new OneClassLoader(FloodClassesHandler.class.getClassLoader()).define(className, bytes);
            return (Function<String, String>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("could not instantiate " + className, e);
        }
    }

    private static boolean matches(byte[] bytes, int at) {
        for (int j = 0; j < NAME.length; j++) {
            if (bytes[at + j] != NAME[j]) {
                return false;
            }
        }
        return true;
    }

    /** Forgets the kept batch, so that its classes can be unloaded. */
    static void release() {
        kept = List.of();
        keptValues = List.of();
    }

    /** Defines one class. */
    private static final class OneClassLoader extends ClassLoader {
        OneClassLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
