package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.userdata.Mark;
import dev.crosstalk.agent.userdata.UserMarks;
import dev.crosstalk.bootstrap.MarkHooks;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Marks live in their request: made on its first source, gone when it ends, never outside requests. */
class UserMarksTest {
    private final Recorder recorder = new Recorder(new SiteTable(), new FindingRegistry(10), 10);
    private final UserMarks marks = new UserMarks();

    @Test
    void marksDieWithTheirRequest() {
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        String value = new String("de-DE");
        Requests.inRequest(recorder, "job", () -> {
            assertNull(ThreadState.get().activeRequest().marks(), "no table before the first source");
            marks.source(value, MarkHooks.SRC_HEADER, "Accept-Language");
            String derived = value + "!";
            marks.deriveAll(new Object[] {"x", derived}, "y");
            Mark m = UserMarks.markOf(ThreadState.get().activeRequest(), value);
            assertNotNull(m);
            assertEquals("the header `Accept-Language`", m.describe());
            seen.set(ThreadState.get().activeRequest());
        });
        assertNull(seen.get().marks(), "the table is dropped when the request ends");
        Requests.inRequest(recorder, "job", () -> assertNull(UserMarks.markOf(ThreadState.get().activeRequest(), value),
                "another request never sees the first one's marks"));
    }

    /** Stands for a message an {@code entry=} listener receives. */
    static final class Order {
        final String customer;

        Order(String customer) {
            this.customer = customer;
        }
    }

    static void onOrder(Order order, int attempt, String queue) {
    }

    @Test
    void argumentsOfAnEntryMethodAreItsRequestsInputsNamedByIndexWithoutParameterNames() {
        Order order = new Order(new String("c-100"));
        String queue = new String("orders");
        Integer attempt = 3;
        Requests.inRequest(recorder, "Listener#onOrder", () -> {
            marks.arguments(UserMarksTest.class, "onOrder", "(L" + Order.class.getName().replace('.', '/')
                    + ";ILjava/lang/String;)V", new Object[] {order, attempt, queue});
            RequestContext request = ThreadState.get().activeRequest();
            assertEquals("the argument `0`", UserMarks.markOf(request, order).describe());
            assertEquals("the argument `0`", UserMarks.markOf(request, order.customer).describe(),
                    "what the message holds is the input too");
            assertEquals("the argument `2`", UserMarks.markOf(request, queue).describe());
            assertNull(UserMarks.markOf(request, attempt), "a boxed primitive is a shared object: not marked");
        });
        Requests.inRequest(recorder, "Listener#onOrder", () -> {
            marks.arguments(UserMarksTest.class, "onOrder", "()V", new Object[] {order});
            assertNull(UserMarks.markOf(ThreadState.get().activeRequest(), order), "another method: nothing named");
        });
    }

    /**
     * The JDK gives every empty result one shared literal: a path {@code /} cut after its slash, the
     * part before a path's first slash, a blank header trimmed, a servlet path that is empty. None of
     * them marks what the request later builds from an empty string of its own code (a resource or
     * template name, a class loader's entry); the non-empty parts of the same inputs still do.
     */
    @Test
    void emptyPartsOfInputsMarkNothingBuiltFromAnEmptyStringLater() {
        Requests.inRequest(recorder, "GET /", () -> {
            RequestContext request = ThreadState.get().activeRequest();
            String root = new String("/");
            marks.source(root, MarkHooks.SRC_PATH, null);
            marks.derive(root, root.substring(1));
            String path = new String("/owners/2");
            marks.source(path, MarkHooks.SRC_PATH, null);
            String[] parts = path.split("/");
            for (String part : parts) {
                marks.derive(path, part);
            }
            String header = new String("  ");
            marks.source(header, MarkHooks.SRC_HEADER, "X-Tag");
            marks.derive(header, header.trim());
            marks.source(new String("/x").substring(2), MarkHooks.SRC_PATH, null);

            String prefix = "";
            String entry = prefix.concat("BOOT-INF/classes/templates/welcome.html");
            marks.deriveAll(new Object[] {prefix, "BOOT-INF/classes/templates/welcome.html"}, entry);
            assertNull(UserMarks.markOf(request, entry), "built from the shared empty string and a constant");
            StringBuilder sb = new StringBuilder().append(prefix).append("static/index.html");
            marks.derive(prefix, sb);
            assertNull(UserMarks.markOf(request, sb), "a builder given the shared empty string");

            assertEquals("the path", UserMarks.markOf(request, parts[1]).describe(), "a non-empty part carries it");
            String owner = parts[2].concat("-card");
            marks.deriveAll(new Object[] {parts[2], "-card"}, owner);
            assertEquals("the path", UserMarks.markOf(request, owner).describe(), "and so does what is built from it");
        });
    }

    @Test
    void outsideRequestsNothingIsMarked() {
        String value = new String("alice");
        marks.source(value, MarkHooks.SRC_PARAMETER, "user");
        Requests.inRequest(recorder, "job", () -> assertNull(UserMarks.markOf(ThreadState.get().activeRequest(), value)));
    }

    @Test
    void aLookupWithAMarkedKeyIsThatInputsEntryAndAKeyCoversWhatItCarries() {
        Requests.inRequest(recorder, "job", () -> {
            RequestContext request = ThreadState.get().activeRequest();
            String user = new String("alice");
            marks.source(user, MarkHooks.SRC_PRINCIPAL, null);
            String entry = new String("alice's inbox");
            UserMarks.lookedUp(request, user, entry);
            assertEquals("the principal", UserMarks.markOf(request, entry).describe());
            assertNull(UserMarks.beyondKey(request, user, entry), "keyed by the user: nothing left out");
            assertEquals("the principal", UserMarks.beyondKey(request, "inbox", entry).describe(),
                    "keyed without the user");
        });
    }
}
