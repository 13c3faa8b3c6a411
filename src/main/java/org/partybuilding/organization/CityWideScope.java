package org.partybuilding.organization;

import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.ObjectProvider;

/**
 * City-wide roles (the organization department, the inspectors, the city's own staff) oversee every
 * organization. They are members of no tenant: for their commands the engine's tenant check is switched off,
 * while Camunda's authorization checks stay on. Everybody else sees only their organizations' tenants.
 */
class CityWideScope extends CommandInterceptor {

    private final ObjectProvider<CityRoot> cityRoots;
    private volatile CityRoot cityRoot;

    CityWideScope(ObjectProvider<CityRoot> cityRoots) {
        this.cityRoots = cityRoots;
    }

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null && context.isTenantCheckEnabled() && isCityWide(context.getAuthentication())) {
            context.disableTenantCheck();
        }
        return next.execute(command);
    }

    private CityRoot cityRoot() {
        if (cityRoot == null) {
            cityRoot = cityRoots.getObject();
        }
        return cityRoot;
    }

    boolean isCityWide(Authentication authentication) {
        if (authentication == null || authentication.getGroupIds() == null) {
            return false;
        }
        List<String> groups = authentication.getGroupIds();
        return Groups.isCityWide(groups) || cityRoot().id().map(Groups::staffOf).filter(groups::contains).isPresent();
    }
}
