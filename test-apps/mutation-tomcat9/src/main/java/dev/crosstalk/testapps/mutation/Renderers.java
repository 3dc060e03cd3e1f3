package dev.crosstalk.testapps.mutation;

/**
 * Shape 3: a builder reused as a render buffer, once as a static and once as a singleton's field.
 * Two requests at once get each other's text. The fixed twins build into a local builder or one
 * kept per thread.
 */
final class Renderers {
    private static final StringBuilder BUFFER = new StringBuilder();
    private static final ThreadLocal<StringBuilder> PER_THREAD = ThreadLocal.withInitial(StringBuilder::new);

    private final StringBuilder buffer = new StringBuilder();

    static String renderStatic(String user, String pair) {
        return render(BUFFER, user, pair);
    }

    String renderField(String user, String pair) {
        return render(buffer, user, pair);
    }

    /** The buffer comes in as a parameter: each call on it costs one identity test until it is seen shared. */
    private static String render(StringBuilder buf, String user, String pair) {
        buf.setLength(0);
        buf.append("<p>Hello ").append(user);
        Meet.at(pair, "1");
        buf.append("</p>");
        String page = buf.toString();
        Meet.at(pair, "2");
        return page;
    }

    static String renderLocal(String user, String pair) {
        StringBuilder page = new StringBuilder();
        page.append("<p>Hello ").append(user);
        Meet.at(pair, "1");
        page.append("</p>");
        Meet.at(pair, "2");
        return page.toString();
    }

    static String renderPerThread(String user, String pair) {
        StringBuilder page = PER_THREAD.get();
        page.setLength(0);
        page.append("<p>Hello ").append(user);
        Meet.at(pair, "1");
        page.append("</p>");
        Meet.at(pair, "2");
        return page.toString();
    }
}
