package dev.crosstalk.testapps.reach;

import java.util.Map;

/** What a user's session keeps: settings loaded at login and reloaded on demand. */
interface Scope {
    /** (Re)loads the settings; {@code gate} lets a test pause it between publishing and filling. */
    void load(String gate);

    Map<String, String> settings();
}
