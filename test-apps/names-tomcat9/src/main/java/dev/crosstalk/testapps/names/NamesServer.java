package dev.crosstalk.testapps.names;

import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.Tomcat9Launcher;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** Greeting pages on embedded Tomcat 9. Usage: {@code [--port N]}, default an ephemeral port. */
public final class NamesServer {

    private NamesServer() {
    }

    /** Starts the server, prints {@code LISTENING port=N} once it serves, and runs until stopped. */
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = Tomcat9Launcher.tomcat("names-tomcat9", PortArgument.parse(args), 8, 2);
        Context context = Tomcat9Launcher.rootContext(tomcat);
        addServlet(context, "/hello", new NameServlet());
        addServlet(context, "/fixed/hello", new FixedNameServlet());
        addServlet(context, "/inflight", new InFlightServlet());
        Tomcat9Launcher.serve(tomcat, "names");
    }

    private static void addServlet(Context context, String path, HttpServlet servlet) {
        Tomcat9Launcher.addServlet(context, servlet.getClass().getSimpleName(), servlet, path);
    }
}
