package org.partybuilding.organization;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what inside the engine, fixed here rather than in configuration files because every
 * process relies on it:
 * <ul>
 * <li>authorization checks on; each instance's tenant is its organization ({@link OrganizationTenants});</li>
 * <li>city-wide roles are not limited to tenants ({@link CityWideScope});</li>
 * <li>assignees and candidates may work on a task, not update it or its variables ({@code TASK_WORK},
 * specific variable permissions, {@link TaskAuthorizations});</li>
 * <li>history is readable through definition-level grants within the user's tenants, so no history
 * authorization row is written per task;</li>
 * <li>no revoke authorizations, and no per-command scan of the authorization table
 * ({@link GroupFilterFreeAuthorizations}).</li>
 * </ul>
 */
@Component
class AccessControlPlugin extends AbstractProcessEnginePlugin {

    // the engine is built before the database beans it would otherwise depend on (Flyway runs after it)
    private final ObjectProvider<OrganizationRepository> repository;
    private final ObjectProvider<CityRoot> cityRoot;

    AccessControlPlugin(ObjectProvider<OrganizationRepository> repository, ObjectProvider<CityRoot> cityRoot) {
        this.repository = repository;
        this.cityRoot = cityRoot;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setAuthorizationEnabled(true);
        configuration.setTenantCheckEnabled(true);
        configuration.setTenantIdProvider(new OrganizationTenants(repository));
        configuration.setResourceAuthorizationProvider(new TaskAuthorizations());
        configuration.setDefaultUserPermissionNameForTask(TaskPermissions.TASK_WORK.getName());
        configuration.setEnforceSpecificVariablePermission(true);
        configuration.setEnableHistoricInstancePermissions(false);
        // no revoke authorization is ever written: the engine need not look for one before each check
        configuration.setAuthorizationCheckRevokes(ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER);
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new GroupFilterFreeAuthorizations.Factory());
        configuration.setCustomSessionFactories(factories);
        addInterceptor(configuration.getCustomPostCommandInterceptorsTxRequired(), configuration::setCustomPostCommandInterceptorsTxRequired);
        addInterceptor(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), configuration::setCustomPostCommandInterceptorsTxRequiresNew);
    }

    private void addInterceptor(List<CommandInterceptor> existing, java.util.function.Consumer<List<CommandInterceptor>> setter) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(new CityWideScope(cityRoot));
        setter.accept(interceptors);
    }
}
