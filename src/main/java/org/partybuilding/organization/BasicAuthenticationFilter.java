package org.partybuilding.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngine engine;
    private final IdentityService identityService;
    private final Accounts accounts;
    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

    BasicAuthenticationFilter(ProcessEngine engine, Accounts accounts) {
        this.engine = engine;
        this.identityService = engine.getIdentityService();
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        AuthenticationResult result = basic.extractAuthenticatedUser(request, engine);
        if (!result.isAuthenticated()) {
            if (result.getAuthenticatedUser() != null) {
                log.warn("Login failed for user '{}' from {} ({})", result.getAuthenticatedUser(), request.getRemoteAddr(),
                        accounts.lockState(result.getAuthenticatedUser()));
            }
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "请先登录：使用 HTTP Basic 认证提供用户名和密码（密码连续输错会暂时锁定账号）");
            return;
        }
        String userId = result.getAuthenticatedUser();
        if (accounts.mustChangePassword(userId)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "请先修改初始密码：/account/password.html");
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).unlimitedList().stream()
                .map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .unlimitedList().stream().map(Tenant::getId).toList();
        ApiUser user = new ApiUser(userId, groups);
        if (path.startsWith("/actuator/") && !user.isOrgDept()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "运行指标仅对市委组织部和系统管理员开放");
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

    /** Camunda answers the list of engines without credentials; changing a password is authenticated by its body. */
    private static boolean isOpen(String path) {
        return path.equals("/engine-rest/engine") || path.equals("/engine-rest/engine/")
                || path.equals("/api/account/password");
    }

    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getWriter(), Map.of("status", status, "message", message));
    }
}
