package dev.crosstalk.testapps.reach;

import java.util.Map;

/** The application's price list: one for everybody, kept as a servlet-context attribute. */
interface PriceList {
    /** (Re)loads the prices; {@code gate} lets a test pause it between publishing and filling. */
    void load(String gate);

    Map<String, String> prices();
}
