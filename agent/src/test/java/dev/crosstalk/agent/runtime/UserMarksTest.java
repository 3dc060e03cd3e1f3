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
