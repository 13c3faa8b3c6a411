package org.partybuilding.organization;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The authenticated caller of {@code /api/**}, put on the request by {@link BasicAuthenticationFilter}.
 * Controllers take it as a method parameter.
 */
public record ApiUser(String userId, List<String> groupIds) {

    static final String REQUEST_ATTRIBUTE = ApiUser.class.getName();

    public boolean isOrgDept() {
        return groupIds.contains(Groups.ORG_DEPT) || groupIds.contains(Groups.CAMUNDA_ADMIN);
    }

    public boolean isInspector() {
        return groupIds.contains(Groups.INSPECTORS);
    }

    static ApiUser of(HttpServletRequest request) {
        return (ApiUser) request.getAttribute(REQUEST_ATTRIBUTE);
    }
}
