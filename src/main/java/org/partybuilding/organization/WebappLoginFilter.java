package org.partybuilding.organization;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.RequestPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login ({@code POST /camunda/api/admin/auth/user/default/login/<app>}): a user whose password is still
 * the initial one sent by email is told to change it first instead of being logged in. Wrong passwords go on to
 * Camunda, which counts them; failed logins are logged with the account's lock state.
 */
class WebappLoginFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebappLoginFilter.class);

    private final Accounts accounts;

    WebappLoginFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !RequestPaths.of(request).contains("/login/")) {
            chain.doFilter(request, response);
            return;
        }
        String username = request.getParameter("username");
        if (accounts.loginNeedsPasswordChange(username, request.getParameter("password"))) {
            ApiError.send(response, HttpServletResponse.SC_FORBIDDEN,
                    "首次登录请先修改初始密码：/account/password.html");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED && username != null) {
            log.warn("Webapp login failed for user '{}' from {} ({})", username, request.getRemoteAddr(), accounts.lockState(username));
        }
    }
}
