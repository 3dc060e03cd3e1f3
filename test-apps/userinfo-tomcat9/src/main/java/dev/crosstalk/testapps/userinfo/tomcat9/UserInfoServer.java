package dev.crosstalk.testapps.userinfo.tomcat9;

import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.Tomcat9Launcher;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** User info service on embedded Tomcat 9. Usage: {@code [--port N]}, default an ephemeral port. */
public final class UserInfoServer {

    private UserInfoServer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = Tomcat9Launcher.tomcat("userinfo-tomcat9", PortArgument.parse(args), 8, 2);
        Context context = Tomcat9Launcher.rootContext(tomcat);
        // Also on forwards, so a forwarded page is wrapped the same way as a direct one.
        Tomcat9Launcher.addFilter(context, "noStore", new NoStoreFilter(), "/*", DispatcherType.REQUEST,
                DispatcherType.FORWARD);
        addServlet(context, "/login", new LoginServlet());
        addServlet(context, "/profile", new ProfileServlet());
        addServlet(context, "/render-profile", new RenderProfileServlet());
        addServlet(context, "/profile-async", new ProfileAsyncServlet());
        addServlet(context, "/fixed/login", new FixedLoginServlet());
        addServlet(context, "/fixed/profile", new FixedProfileServlet());
        addServlet(context, "/stats", new StatsServlet());
        Tomcat9Launcher.serve(tomcat, "userinfo", ProfileAsyncServlet.WORKERS::shutdown);
    }

    private static void addServlet(Context context, String path, HttpServlet servlet) {
        Tomcat9Launcher.addServlet(context, servlet.getClass().getSimpleName(), servlet, path);
    }
}
