package org.partybuilding.organization;

import java.util.List;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.db.QueryService;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.db.QueryParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Cockpit's own lists and statistics ({@code /camunda/api/cockpit/plugin/base/...}: the process definitions with
 * their running instances, a definition's instances, the incidents) take the tenant check from the logged-in user's
 * tenants before the engine command runs, so {@link CityWideScope} cannot lift it there: the organization department
 * and the inspectors, members of no tenant, counted 0 instances everywhere while the engine's own queries showed the
 * city. For a city-wide user this delegate lifts the tenant check of those queries too; the authorization checks stay.
 * Everybody else keeps Cockpit's check on their own tenants (a town's staff: the town's organizations).
 *
 * <p>Installed once the application has started: Camunda's webapp bootstrap sets the default delegate when the
 * servlet context starts, before.
 */
@Component
class CockpitTenantScope implements ApplicationListener<ApplicationStartedEvent> {

    private final ObjectProvider<CityRoot> cityRoot;

    CockpitTenantScope(ObjectProvider<CityRoot> cityRoot) {
        this.cityRoot = cityRoot;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        Cockpit.setCockpitRuntimeDelegate(new Delegate(new CityWideScope(cityRoot)));
    }

    static final class Delegate extends DefaultCockpitRuntimeDelegate {

        private final CityWideScope cityWide;

        Delegate(CityWideScope cityWide) {
            this.cityWide = cityWide;
        }

        @Override
        public QueryService getQueryService(String processEngineName) {
            QueryService queries = super.getQueryService(processEngineName);
            return new QueryService() {
                @Override
                public <T> List<T> executeQuery(String statement, QueryParameters parameter) {
                    widen(processEngineName, parameter);
                    return queries.executeQuery(statement, parameter);
                }

                @Override
                public Long executeQueryRowCount(String statement, ListQueryParameterObject parameter) {
                    widen(processEngineName, parameter);
                    return queries.executeQueryRowCount(statement, parameter);
                }
            };
        }

        private void widen(String processEngineName, ListQueryParameterObject parameter) {
            Authentication user = getProcessEngine(processEngineName).getIdentityService().getCurrentAuthentication();
            if (user != null && parameter.getTenantCheck() != null && cityWide.isCityWide(user)) {
                parameter.getTenantCheck().setTenantCheckEnabled(false);
                parameter.getTenantCheck().setAuthTenantIds(null);
            }
        }
    }
}
