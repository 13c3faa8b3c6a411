package org.partybuilding.organization;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.RequestPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of {@code /api/**} and {@code /engine-rest/**} against Camunda's identity service
 * (Camunda's own Basic provider checks the password, counting failures towards a temporary lock). The caller becomes
 * the engine's current authentication with their groups and tenants, so Camunda's authorization and tenant checks
 * apply to everything the request does.
 *
 * <p>A refused request gets a Chinese JSON answer and no {@code WWW-Authenticate} challenge: browsers never show a
 * login prompt for these APIs, so they never cache credentials that a cross-site page could ride on. A user who
 * still has the initial password sent by email must change it first ({@link Accounts}).
 */
class BasicAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BasicAuthenticationFilter.class);

    private final ProcessEngine engine;
    private final IdentityService identityService;
    private final Accounts accounts;
    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();
    private final AuthenticationCache cache;

    /**
     * True for the registration that runs after Spring Session's filter and answers only requests without credentials
     * to the paths that accept the webapps' login ({@link WebappSession}); false for the one that answers all others.
     */
    private final boolean sessionLogins;

    BasicAuthenticationFilter(ProcessEngine engine, Accounts accounts, AuthenticationCache cache, boolean sessionLogins) {
        this.sessionLogins = sessionLogins;
        this.engine = engine;
        this.identityService = engine.getIdentityService();
        this.accounts = accounts;
        this.cache = cache;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.of(request);
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        boolean fromSession = request.getHeader(HttpHeaders.AUTHORIZATION) == null && WebappSession.accepts(request, path);
        if (fromSession != sessionLogins) {
            chain.doFilter(request, response); // the other registration of this filter answers it
            return;
        }
        if (sessionLogins) {
            String sessionUser = WebappSession.userId(request, engine.getName());
            if (sessionUser == null) {
                ApiError.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                        "请先登录：在任务列表或驾驶舱登录，或使用 HTTP Basic 认证提供用户名和密码");
            } else if (!WebappSession.sentByPage(request)) {
                ApiError.send(response, HttpServletResponse.SC_FORBIDDEN, "请从佐证材料页面操作");
            } else {
                proceedAs(request, response, chain, path, sessionUser);
            }
            return;
        }
        String[] credentials = credentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        AuthenticationCache.Entry known = credentials == null ? null : cache.find(credentials[0], credentials[1]);
        if (known != null) {
            proceed(request, response, chain, path, known.userId(), known.groups(), known.tenants());
            return;
        }
        AuthenticationResult result = basic.extractAuthenticatedUser(request, engine);
        if (!result.isAuthenticated()) {
            if (result.getAuthenticatedUser() != null) {
                log.warn("Login failed for user '{}' from {} ({})", result.getAuthenticatedUser(), request.getRemoteAddr(),
                        accounts.lockState(result.getAuthenticatedUser()));
            }
            ApiError.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "请先登录：使用 HTTP Basic 认证提供用户名和密码（密码连续输错会暂时锁定账号）");
            return;
        }
        String userId = result.getAuthenticatedUser();
        proceedAs(request, response, chain, path, userId, credentials);
    }

    /** A user logged in to the webapps: groups and tenants read again now, as for a password login. */
    private void proceedAs(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
            String userId) throws IOException, ServletException {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            ApiError.send(response, HttpServletResponse.SC_UNAUTHORIZED, "请先登录");
            return;
        }
        proceedAs(request, response, chain, path, userId, null);
    }

    private void proceedAs(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
            String userId, String[] credentials) throws IOException, ServletException {
        if (accounts.mustChangePassword(userId)) {
            ApiError.send(response, HttpServletResponse.SC_FORBIDDEN, "请先修改初始密码：/account/password.html");
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).unlimitedList().stream()
                .map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .unlimitedList().stream().map(Tenant::getId).toList();
        if (credentials != null && credentials[0].equals(userId)) {
            cache.remember(userId, credentials[1], groups, tenants);
        }
        proceed(request, response, chain, path, userId, groups, tenants);
    }

    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
            String userId, List<String> groups, List<String> tenants) throws IOException, ServletException {
        ApiUser user = new ApiUser(userId, groups);
        String refusal = user.isOrgDept() ? null : orgDeptOnly(path);
        if (refusal != null) {
            ApiError.send(response, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        request.setAttribute(ApiUser.REQUEST_ATTRIBUTE, user);
        identityService.setAuthentication(userId, groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * Operators' endpoints of other capabilities that only the organization department may use, with the refusal each
     * answers. Declared here because role checks belong to the directory; the capabilities themselves (the mail
     * outbox, the metrics) know nothing about roles.
     */
    private static String orgDeptOnly(String path) {
        if (path.startsWith("/actuator/")) {
            return "运行指标仅对市委组织部和系统管理员开放";
        }
        if (path.equals("/api/mail-outbox") || path.startsWith("/api/mail-outbox/")) {
            return "只有组织部可以查看和重发发件箱中的邮件";
        }
        return null;
    }

    /** User and password of a Basic header, or null (Camunda's provider decodes them the same way). */
    private static String[] credentials(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Camunda answers the list of engines without credentials; changing a password is authenticated by its body. */
    private static boolean isOpen(String path) {
        return path.equals("/engine-rest/engine") || path.equals("/engine-rest/engine/")
                || path.equals("/api/account/password");
    }

}
