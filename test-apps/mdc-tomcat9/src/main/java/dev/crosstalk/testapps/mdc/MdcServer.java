package dev.crosstalk.testapps.mdc;

import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.Tomcat9Launcher;
import javax.servlet.Filter;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 9 with ONE worker thread, so consecutive requests certainly run on the same thread.
 * Usage: {@code [--port N]}, default an ephemeral port.
 */
public final class MdcServer {

    private MdcServer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = Tomcat9Launcher.tomcat("mdc-tomcat9", PortArgument.parse(args), 1, 1);
        Context context = Tomcat9Launcher.rootContext(tomcat);
        Tomcat9Launcher.addServlet(context, "hello", new HelloServlet());
        addFilter(context, "/logback/*", new Slf4jUserFilter(false));
        addFilter(context, "/logback-fixed/*", new Slf4jUserFilter(true));
        addFilter(context, "/log4j/*", new Log4jUserFilter(false));
        addFilter(context, "/log4j-fixed/*", new Log4jUserFilter(true));
        Tomcat9Launcher.serve(tomcat, "mdc");
    }

    /** {@code filter} in front of the hello servlet at {@code pattern}. */
    private static void addFilter(Context context, String pattern, Filter filter) {
        Tomcat9Launcher.addFilter(context, pattern, filter, pattern);
        context.addServletMappingDecoded(pattern, "hello");
    }
}
