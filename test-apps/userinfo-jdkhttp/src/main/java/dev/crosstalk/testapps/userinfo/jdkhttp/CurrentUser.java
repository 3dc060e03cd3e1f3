package dev.crosstalk.testapps.userinfo.jdkhttp;

/** Who is logged in, so that any code can find out without passing the user around. */
final class CurrentUser {

    static String name;

    private CurrentUser() {
    }
}
