package dev.crosstalk.agent.config;

/**
 * One row of the option table: everything the agent knows about an option, from which parsing, the
 * error messages and the README's option table all come.
 */
public final class Option {
    /** Sets an option's field from its text; throws {@link IllegalArgumentException} for a value it rejects. */
    @FunctionalInterface
    interface Setter {
        void set(Options options, String value);
    }

    private final String name;
    private final String byDefault;
    private final String accepts;
    private final String doc;
    private final Setter setter;

    Option(String name, String byDefault, String accepts, String doc, Setter setter) {
        this.name = name;
        this.byDefault = byDefault;
        this.accepts = accepts;
        this.doc = doc;
        this.setter = setter;
    }

    /** The key, as written after {@code -javaagent:...=} and in the README. */
    public String name() {
        return name;
    }

    /** The default as the README's table shows it. */
    public String byDefault() {
        return byDefault;
    }

    /** What the option accepts, in the words of the one-line error message. */
    public String accepts() {
        return accepts;
    }

    /** The README's "accepts" column, in Markdown. */
    public String doc() {
        return doc;
    }

    /** The README table row of this option. */
    public String markdownRow() {
        return "| `" + name + "` | " + byDefault + " | " + doc + " |";
    }

    void apply(Options options, String value) throws Options.Invalid {
        try {
            setter.set(options, value);
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
    }

    /** The one line users see for a value this option does not accept. */
    Options.Invalid invalid(String value) {
        return new Options.Invalid("crosstalk: option '" + name + "' accepts " + accepts + ", not '" + value + "'");
    }
}
