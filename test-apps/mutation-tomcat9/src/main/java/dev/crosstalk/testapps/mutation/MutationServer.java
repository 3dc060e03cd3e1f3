package dev.crosstalk.testapps.mutation;

import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.Tomcat9Launcher;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** The mutation shapes, their twins and the look-alikes on embedded Tomcat 9. Usage: {@code [--port N]}, default an ephemeral port. */
public final class MutationServer {

    private MutationServer() {
    }

    /** Starts the server, prints {@code LISTENING port=N} once it serves, and runs until stopped. */
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = Tomcat9Launcher.tomcat("mutation-tomcat9", PortArgument.parse(args), 16, 2);
        Context context = Tomcat9Launcher.rootContext(tomcat);
        LookAlikes.startUp();
        Tomcat9Launcher.addServlet(context, "endpoints", new Endpoints(), "/report", "/registry/*", "/render/*", "/lru/*",
                "/index/*", "/cart/*", "/stamp/*", "/fixed/*", "/quiet/*");
        Tomcat9Launcher.addServlet(context, "catalog", CatalogServlet.buggy(), "/catalog/*");
        Tomcat9Launcher.addServlet(context, "fixed-catalog", CatalogServlet.fixed(), "/fixed-catalog/*");
        Tomcat9Launcher.serve(tomcat, "mutation");
    }
}
