package dev.crosstalk.testapps.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /whoami and GET /fixed/whoami: who the request runs as, what the logs attribute it to, and the
 * worker thread that served it ({@code user=U mdc=M thread=T}); logs one line per request.
 */
@RestController
class WhoAmIController {

    private static final Logger LOG = LoggerFactory.getLogger(WhoAmIController.class);

    @GetMapping("/whoami")
    String whoAmI() {
        return answer("/whoami", SecurityContext.CURRENT.get());
    }

    @GetMapping("/fixed/whoami")
    String fixedWhoAmI() {
        return answer("/fixed/whoami", FixedSecurityContext.CURRENT.get());
    }

    private static String answer(String page, String user) {
        String served = user == null ? "anonymous" : user;
        LOG.info("{} served as {}", page, served);
        return "user=" + served + " mdc=" + MDC.get(Users.MDC_KEY) + " thread=" + Thread.currentThread().getName();
    }
}
