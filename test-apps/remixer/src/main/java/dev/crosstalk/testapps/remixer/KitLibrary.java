package dev.crosstalk.testapps.remixer;

import java.util.HashMap;
import java.util.Map;

/** The drum kits the studio offers; POST /kits/reload reads them again from the sample library. */
final class KitLibrary {

    private static Map<String, String> kits = new HashMap<>();

    private KitLibrary() {
    }

    /** Publishes the new kit list first and fills it afterwards: a remix meanwhile sees kits missing. */
    static void reload() {
        kits = new HashMap<>();
        kits.put("808", "Roland TR-808");
        kits.put("909", "Roland TR-909");
        kits.put("linn", "LinnDrum LM-1");
    }
}
