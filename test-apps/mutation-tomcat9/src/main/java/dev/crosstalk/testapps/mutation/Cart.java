package dev.crosstalk.testapps.mutation;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * Shape 6: an object kept in the {@code HttpSession}, whose list two requests of one session use at
 * once (a page listing the cart while another tab adds to it). The fixed twin guards the list with
 * the cart's monitor and lists a copy.
 */
final class Cart {
    final List<String> items = new ArrayList<>();
    private final boolean safe;

    Cart(boolean safe) {
        this.safe = safe;
        items.add("hat");
        items.add("scarf");
        items.add("gloves");
    }

    String view(String pair) {
        List<String> shown;
        if (safe) {
            synchronized (this) {
                shown = new ArrayList<>(items);
            }
        } else {
            shown = items;
        }
        StringBuilder out = new StringBuilder();
        try {
            for (String item : shown) {
                out.append(item).append(' ');
                if (out.indexOf(" ") == out.length() - 1) {
                    Interleave.pauseIteration(pair);
                }
            }
        } catch (ConcurrentModificationException e) {
            return "ConcurrentModificationException";
        }
        return out.toString();
    }

    void add(String item, String pair) {
        Interleave.duringIteration(pair, () -> {
            if (safe) {
                synchronized (this) {
                    items.add(item);
                }
            } else {
                items.add(item);
            }
        });
    }
}
