package dev.crosstalk.testapps.settings;

import java.util.Locale;

/** A page asked for a setting that is not there; worded the way the old error log has always worded it. */
class UndefinedElementException extends RuntimeException {

    UndefinedElementException(String key, String scope) {
        super("Element " + key.toUpperCase(Locale.ROOT) + " is undefined in " + scope);
    }

    static Object require(Object value, String key, String scope) {
        if (value == null) {
            throw new UndefinedElementException(key, scope);
        }
        return value;
    }
}
