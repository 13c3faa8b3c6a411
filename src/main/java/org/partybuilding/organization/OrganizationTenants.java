package org.partybuilding.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

/**
 * Every process instance belongs to the organization whose work it is: its Camunda tenant is the
 * {@code organizationId} it starts with. Who may see it then follows from tenant memberships, which
 * {@link TenantMemberships} keeps equal to the directory (the secretary, and the staff of every organization
 * above it), so no row is written per instance and a moved organization needs no re-grant.
 *
 * <p>An instance without an organization belongs to the city (visible to city-wide roles only); a called
 * process inherits its caller's organization. Definitions stay shared (no tenant).
 */
class OrganizationTenants implements TenantIdProvider {

    private final ObjectProvider<OrganizationRepository> repositories;

    OrganizationTenants(ObjectProvider<OrganizationRepository> repositories) {
        this.repositories = repositories;
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        Object organizationId = context.getVariables().get(DirectoryService.ORGANIZATION_ID_VARIABLE);
        // set by the server's own code when it starts an organization's process (no task user can start one)
        if (organizationId instanceof String id && DirectoryValidator.ORGANIZATION_ID.matcher(id).matches()) {
            return id;
        }
        DelegateExecution caller = context.getSuperExecution();
        if (caller != null && caller.getTenantId() != null) {
            return caller.getTenantId();
        }
        return repositories.getObject().findRootId().orElse(null);
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return repositories.getObject().findRootId().orElse(null);
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        return context.getExecution() != null ? context.getExecution().getTenantId() : null;
    }
}
