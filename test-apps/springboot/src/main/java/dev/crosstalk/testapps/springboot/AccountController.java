package dev.crosstalk.testapps.springboot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's account pages; the customer is named by the {@code X-Account} header a gateway in front
 * sets, and the API is token-authenticated (no session). Three ways of keeping one customer's data in
 * shared state, each next to its fixed twin at {@code /fixed/...}: a card record in a static "last
 * result" (GET /account/card), a page model map in the controller singleton's field (GET
 * /account/overview), a list of the customer's orders in a cache keyed by the list's name only (GET
 * /account/orders?list=L). GET /account/plan?code=C is a look-alike: a record built from its key
 * alone, cached by it.
 */
@RestController
class AccountController {

    /** What an account card shows. */
    record Card(String holder, String tier) {
    }

    /** A plan of the shop's: a function of its code. */
    record Plan(String code, String title) {
    }

    private static Card lastCard;
    private static final Map<String, List<String>> ORDERS_BY_LIST = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> ORDERS_BY_LIST_AND_ACCOUNT = new ConcurrentHashMap<>();
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    private Map<String, Object> overview;

    @GetMapping("/account/card")
    String card(HttpServletRequest request) {
        Card card = lastCard;
        if (card == null) {
            card = new Card(request.getHeader("X-Account"), "gold");
            lastCard = card;
        }
        return card.tier() + " card of " + card.holder();
    }

    @GetMapping("/fixed/account/card")
    String fixedCard(HttpServletRequest request) {
        Card card = new Card(request.getHeader("X-Account"), "gold");
        return card.tier() + " card of " + card.holder();
    }

    @GetMapping("/account/overview")
    String overview(HttpServletRequest request) {
        Map<String, Object> model = overview;
        if (model == null) {
            model = overviewModel(request);
            overview = model;
        }
        return model.get("title") + " in " + model.get("lang");
    }

    @GetMapping("/fixed/account/overview")
    String fixedOverview(HttpServletRequest request) {
        Map<String, Object> model = overviewModel(request);
        return model.get("title") + " in " + model.get("lang");
    }

    private static Map<String, Object> overviewModel(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Overview");
        model.put("lang", request.getHeader("Accept-Language"));
        return model;
    }

    @GetMapping("/account/orders")
    String orders(HttpServletRequest request) {
        String list = request.getParameter("list");
        return String.join(", ", ORDERS_BY_LIST.computeIfAbsent(list, l -> orders(request.getHeader("X-Account"))));
    }

    @GetMapping("/fixed/account/orders")
    String fixedOrders(HttpServletRequest request) {
        String account = request.getHeader("X-Account");
        String key = request.getParameter("list") + "/" + account;
        List<String> orders = ORDERS_BY_LIST_AND_ACCOUNT.get(key);
        if (orders == null) {
            orders = orders(account);
            ORDERS_BY_LIST_AND_ACCOUNT.put(key, orders);
        }
        return String.join(", ", orders);
    }

    private static List<String> orders(String account) {
        List<String> orders = new ArrayList<>();
        orders.add("order 1 of " + account);
        orders.add("order 2 of " + account);
        return orders;
    }

    @GetMapping("/account/plan")
    String plan(HttpServletRequest request) {
        String code = request.getParameter("code");
        Plan plan = PLANS.get(code);
        if (plan == null) {
            plan = new Plan(code, "Plan " + code.toUpperCase());
            PLANS.put(code, plan);
        }
        return plan.title();
    }
}
