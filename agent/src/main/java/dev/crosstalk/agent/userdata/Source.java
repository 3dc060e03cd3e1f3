package dev.crosstalk.agent.userdata;

import dev.crosstalk.bootstrap.MarkHooks;

/**
 * One user-specific input of a request: its kind and name ({@code header Accept-Language}), never
 * its value. Names of parameters, headers, cookies and attributes come from the application's code
 * and are capped in length.
 */
public final class Source {
    private static final int MAX_NAME = 80;

    private final int kind;
    private final String name;

    /** An input of kind {@code kind} ({@code MarkHooks.SRC_*}) named {@code name} (a parameter's, a header's; may be null). */
    public Source(int kind, Object name) {
        this.kind = kind;
        String n = name == null ? null : String.valueOf(name);
        this.name = n == null || n.length() <= MAX_NAME ? n : n.substring(0, MAX_NAME) + "…";
    }

    /** {@code parameter}, {@code header}, {@code cookie}, {@code session attribute}, … */
    public String kind() {
        switch (kind) {
            case MarkHooks.SRC_PARAMETER:
                return "parameter";
            case MarkHooks.SRC_HEADER:
                return "header";
            case MarkHooks.SRC_COOKIE:
                return "cookie";
            case MarkHooks.SRC_PATH:
                return "path";
            case MarkHooks.SRC_REMOTE_USER:
                return "remote user";
            case MarkHooks.SRC_PRINCIPAL:
                return "principal";
            case MarkHooks.SRC_SESSION_ATTRIBUTE:
                return "session attribute";
            case MarkHooks.SRC_URI:
                return "URI";
            case MarkHooks.SRC_QUERY:
                return "query string";
            case MarkHooks.SRC_ARGUMENT:
                return "argument";
            default:
                return "input";
        }
    }

    /** The input's name, or null for inputs that have none (the path, the principal). */
    public String name() {
        return name;
    }

    /** {@code the header `Accept-Language`}, {@code the principal}. */
    public String describe() {
        return "the " + kind() + (name == null ? "" : " `" + name + "`");
    }

    /** Whether this is the input of kind {@code kind} named {@code name} (exactly: a capped name never is). */
    boolean is(int kind, String name) {
        return this.kind == kind && java.util.Objects.equals(this.name, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source && ((Source) o).kind == kind && java.util.Objects.equals(((Source) o).name, name);
    }

    @Override
    public int hashCode() {
        return kind * 31 + (name == null ? 0 : name.hashCode());
    }
}
