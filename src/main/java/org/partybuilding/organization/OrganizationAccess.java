package org.partybuilding.organization;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Row-level access by organization: a process instance that carries {@code organizationId}, and each of
 * its tasks, become readable by that organization's secretary and by the staff of every organization
 * above it. {@code org-dept} reads everything through its global grants. Called by
 * {@link OrganizationAccessPlugin} on every process start and every user task creation.
 */
@Component
class OrganizationAccess {

    private final OrganizationRepository repository;

    OrganizationAccess(OrganizationRepository repository) {
        this.repository = repository;
    }

    void processStarted(DelegateExecution execution) {
        String organizationId = organizationOf(execution);
        if (organizationId == null) {
            return;
        }
        AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
        String instanceId = execution.getProcessInstanceId();
        for (String groupId : staffGroups(organizationId)) {
            grant(authorizations, groupId, null, Resources.PROCESS_INSTANCE, instanceId, Permissions.READ);
            grant(authorizations, groupId, null, Resources.HISTORIC_PROCESS_INSTANCE, instanceId,
                    HistoricProcessInstancePermissions.READ);
        }
        for (String userId : repository.findSecretaryUserIds(organizationId)) {
            secretaryMayRead(authorizations, userId, instanceId);
        }
    }

    /** A (new) secretary of the organization may read its process instance; nothing changes if they already may. */
    static void secretaryMayRead(AuthorizationService authorizations, String userId, String instanceId) {
        if (authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.PROCESS_INSTANCE)
                .resourceId(instanceId).count() > 0) {
            return;
        }
        grant(authorizations, null, userId, Resources.PROCESS_INSTANCE, instanceId, Permissions.READ);
        grant(authorizations, null, userId, Resources.HISTORIC_PROCESS_INSTANCE, instanceId,
                HistoricProcessInstancePermissions.READ);
    }

    void taskCreated(DelegateTask task) {
        String organizationId = organizationOf(task.getExecution());
        if (organizationId == null) {
            return;
        }
        AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
        // candidate groups already got their grant from Camunda when the task was created
        Set<String> candidates = task.getCandidates().stream().map(IdentityLink::getGroupId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        for (String groupId : staffGroups(organizationId)) {
            if (candidates.contains(groupId)) {
                continue;
            }
            grant(authorizations, groupId, null, Resources.TASK, task.getId(), Permissions.READ);
            grant(authorizations, groupId, null, Resources.HISTORIC_TASK, task.getId(), HistoricTaskPermissions.READ);
        }
    }

    private List<String> staffGroups(String organizationId) {
        return repository.findOverseeingIds(organizationId).stream().map(Groups::staffOf).toList();
    }

    private static String organizationOf(DelegateExecution execution) {
        Object value = execution == null ? null : execution.getVariable(DirectoryService.ORGANIZATION_ID_VARIABLE);
        return value instanceof String id ? id : null;
    }

    private static void grant(AuthorizationService authorizations, String groupId, String userId, Resource resource,
            String resourceId, Permission permission) {
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setUserId(userId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }
}
