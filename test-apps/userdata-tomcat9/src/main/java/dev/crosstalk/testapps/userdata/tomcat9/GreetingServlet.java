package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * GET /greeting?page=P: the page's greeting in the browser's language (Accept-Language), cached per
 * page: the first visitor's language is served to everyone. The fixed twin keys by page and language.
 */
class GreetingServlet extends HttpServlet {

    private static final Map<String, String> BY_PAGE = new ConcurrentHashMap<>();
    private static final Map<String, String> BY_PAGE_AND_LANGUAGE = new ConcurrentHashMap<>();

    private final boolean fixed;

    GreetingServlet(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String page = req.getParameter("page");
        String language = req.getHeader("Accept-Language");
        Map<String, String> cache = fixed ? BY_PAGE_AND_LANGUAGE : BY_PAGE;
        String key = fixed ? page + "/" + language : page;
        String greeting = cache.get(key);
        if (greeting == null) {
            greeting = String.format("<p lang=\"%s\">%s (%s)</p>", language,
                    language.startsWith("de") ? "Willkommen" : "Welcome", page);
            cache.put(key, greeting);
        }
        Text.send(resp, greeting);
    }
}
