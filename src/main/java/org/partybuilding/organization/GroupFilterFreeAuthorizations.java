package org.partybuilding.organization;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's authorization manager without its per-command group filter. Before every authorization check Camunda
 * reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} to drop the user's groups that have no
 * authorization at all (camunda-bpm-platform#5485): a scan of the whole table per command, which grows with every
 * task in the city (one candidate-group row per task). Our users belong to one to three groups, every one of them with
 * grants, so the filter never removes anything: their groups are used as they are.
 */
class GroupFilterFreeAuthorizations extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
        return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
    }

    /** Opens this manager wherever the engine asks for an {@link AuthorizationManager}. */
    static final class Factory implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return AuthorizationManager.class;
        }

        @Override
        public Session openSession() {
            return new GroupFilterFreeAuthorizations();
        }
    }
}
