package dev.crosstalk.testapps.springboot;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /cart?item=X: a per-session cart, the most common use of {@code HttpSession}: a list made by the
 * session's first request, stored as a session attribute, and added to by the session's later requests.
 * No bug (each session's list is reached by its own requests only); it gives the soak of
 * {@code scripts/bench --soak} one session per user, so the agent's per-session bookkeeping is measured.
 */
@RestController
class CartController {
    private static final int MAX_ITEMS = 20;

    @GetMapping("/cart")
    String add(@RequestParam(name = "item", defaultValue = "kick") String item, HttpSession session) {
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) session.getAttribute("cart");
        if (cart == null) {
            cart = new ArrayList<>();
            session.setAttribute("cart", cart);
        }
        synchronized (cart) {
            if (cart.size() < MAX_ITEMS) {
                cart.add(item);
            }
            return cart.size() + " item(s) in the cart";
        }
    }
}
