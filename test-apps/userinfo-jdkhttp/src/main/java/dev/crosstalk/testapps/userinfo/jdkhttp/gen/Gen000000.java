package dev.crosstalk.testapps.userinfo.jdkhttp.gen;

import java.util.function.Function;

/**
 * The template of the classes {@code /flood/classes} generates, as a template engine or a scripting
 * language would: each copy gets its own name ({@code Gen000123}) and so its own static field. Never
 * loaded under this name by the application.
 */
public final class Gen000000 implements Function<String, String> {

    static String value;

    public Gen000000() {
    }

    /** Stores {@code v} (unless null) in the class's static field and answers what the field holds. */
    @Override
    public String apply(String v) {
        if (v != null) {
            value = v;
        }
        return value;
    }
}
