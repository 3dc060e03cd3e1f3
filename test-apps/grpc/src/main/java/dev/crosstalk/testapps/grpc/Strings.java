package dev.crosstalk.testapps.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Unary methods whose request and response are plain UTF-8 strings, described by hand so that no protoc
 * code generation is needed. The test's client uses the same descriptors.
 */
public final class Strings {
    // Before the descriptors: static fields are initialised in order.
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** {@code demo.Greeter/Greet}: "user[|gate]" in, "hello user" out. */
    public static final MethodDescriptor<String, String> GREET = unary("demo.Greeter/Greet");
    /** The fixed twin. */
    public static final MethodDescriptor<String, String> FIXED_GREET = unary("demo.FixedGreeter/Greet");
    /** {@code demo.Gates/Arrived}: answers once work reached the named gate. */
    public static final MethodDescriptor<String, String> ARRIVED = unary("demo.Gates/Arrived");
    /** {@code demo.Gates/Release}: lets the work at the named gate on. */
    public static final MethodDescriptor<String, String> RELEASE = unary("demo.Gates/Release");

    private Strings() {
    }

    private static MethodDescriptor<String, String> unary(String fullName) {
        return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName).setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    }
}
