package dev.crosstalk.e2e;

/**
 * The user info service on embedded Tomcat 9 (javax.servlet); GET /profile forwards to the servlet
 * that reads the user, which is still the request GET /profile.
 */
class UserInfoTomcat9Test extends UserInfoScenario {

    private static final String PKG = "dev.crosstalk.testapps.userinfo.tomcat9.";

    @Override
    String app() {
        return "userinfo-tomcat9";
    }

    @Override
    String pkg() {
        return PKG;
    }

    @Override
    String loginWriteSite() {
        return PKG + "LoginServlet.doPost(LoginServlet.java:18)";
    }

    @Override
    String profileReadSite() {
        return PKG + "RenderProfileServlet.doGet(RenderProfileServlet.java:13)";
    }

    @Override
    String asyncReadSite() {
        // The task ProfileAsyncServlet submits to its fixed thread pool.
        return PKG + "ProfileAsyncServlet.lambda$doGet$0(ProfileAsyncServlet.java:20)";
    }

    @Override
    String serverFramePrefix() {
        return "org.apache.catalina.";
    }
}
