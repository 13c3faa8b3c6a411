package org.partybuilding.organization;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * The webapps' login, accepted on the few {@code /api} paths that the product's own pages next to the webapps call
 * ({@code /evidence.html}, {@code /dashboard}, the Cockpit plugins): a user who is logged in to Tasklist or Cockpit is
 * not asked for the password again. Evidence files may be changed that way; the ledger, the report cards, the
 * dashboard's figures, the organizations and people's names (for the Cockpit plugins) are only read ({@code GET}).
 *
 * <p>Against cross-site requests riding on the session cookie: the cookie is {@code SameSite=Lax} (no cross-site
 * POST carries it), the request guard refuses state-changing requests from other origins, and such requests must
 * carry {@code X-Requested-With}, a header no other site can send without a CORS preflight that this server never
 * grants. Every other {@code /api} path still needs HTTP Basic.
 */
final class WebappSession {

    private static final Pattern PATHS = Pattern.compile("/api/rectifications/\\d+/evidence(/\\d+)?");
    private static final Pattern READ_PATHS = Pattern.compile(
            "/api/rectifications(/\\d+|/export\\.(xlsx|csv))?|/api/report-cards/.+|/api/dashboard(/.*)?"
            + "|/api/organizations(/[^/]+)?|/api/people");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private WebappSession() {
    }

    static boolean accepts(HttpServletRequest request, String path) {
        return PATHS.matcher(path).matches()
                || SAFE_METHODS.contains(request.getMethod()) && READ_PATHS.matcher(path).matches();
    }

    /** The user logged in to the webapps of this engine in the request's session, or null. */
    static String userId(HttpServletRequest request, String engineName) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engineName);
        return authentication == null ? null : authentication.getIdentityId();
    }

    /** Reading needs nothing more; a change must come from the product's page (see above). */
    static boolean sentByPage(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod()) || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }
}
