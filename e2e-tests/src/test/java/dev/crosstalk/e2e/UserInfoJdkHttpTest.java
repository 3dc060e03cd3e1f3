package dev.crosstalk.e2e;

/** The user info service on the JDK's com.sun.net.httpserver; its profile pages are lambdas in main. */
class UserInfoJdkHttpTest extends UserInfoScenario {

    private static final String PKG = "dev.crosstalk.testapps.userinfo.jdkhttp.";

    @Override
    String app() {
        return "userinfo-jdkhttp";
    }

    @Override
    String pkg() {
        return PKG;
    }

    @Override
    String loginWriteSite() {
        return PKG + "LoginHandler.handle(LoginHandler.java:20)";
    }

    @Override
    String profileReadSite() {
        return PKG + "UserInfoServer.lambda$main$0(UserInfoServer.java:27)";
    }

    @Override
    String asyncReadSite() {
        // The supplier passed to CompletableFuture.supplyAsync inside the /profile-async handler.
        return PKG + "UserInfoServer.lambda$main$1(UserInfoServer.java:32)";
    }

    @Override
    String serverFramePrefix() {
        return "sun.net.httpserver.";
    }
}
