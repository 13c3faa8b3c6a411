package org.partybuilding.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webapps' CSRF token of this session, for the dashboard's own login and logout form. Camunda hands the token out
 * once per session (header {@code X-XSRF-TOKEN} on the first request under {@code /camunda}, cookie with path
 * {@code /camunda}); a page outside {@code /camunda} cannot read that cookie, and once any webapp resource has been
 * fetched in the session the header is not sent again. Only pages of this origin can read the answer (no CORS).
 */
@RestController
class WebappToken {

    @GetMapping("/dashboard/webapp-token")
    ResponseEntity<Map<String, String>> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        Map<String, String> body = new HashMap<>();
        body.put("token", token == null ? null : token.toString());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
