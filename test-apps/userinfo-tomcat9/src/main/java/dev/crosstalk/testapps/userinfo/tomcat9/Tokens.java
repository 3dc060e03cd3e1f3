package dev.crosstalk.testapps.userinfo.tomcat9;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Login sessions keyed by token: each client carries its own token, so users never see each other. */
final class Tokens {

    private static final Map<String, String> USERS_BY_TOKEN = new ConcurrentHashMap<>();

    private Tokens() {
    }

    static String login(String user) {
        String token = "t-" + user;
        USERS_BY_TOKEN.put(token, user);
        return token;
    }

    /** Returns the user the token was issued to, or null for an unknown token. */
    static String userFor(String token) {
        return token == null ? null : USERS_BY_TOKEN.get(token);
    }
}
