package org.partybuilding.organization;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mirrors the directory into Camunda's identity service: one user per secretary and staff member, the
 * groups of {@link Groups}, the group-level authorizations each group needs and the shared Tasklist filters.
 * Idempotent: it only changes what differs.
 */
@Component
class IdentitySynchronizer {

    /** Process variables Tasklist shows on each task card, so tasks of one process can be told apart. */
    static final List<Map<String, String>> LISTED_VARIABLES = List.of(
            Map.of("name", "title", "label", "事项"),
            Map.of("name", "dueDateText", "label", "期限"));

    static final List<String> APPS_FOR_SECRETARIES = List.of("tasklist", "welcome");
    static final List<String> APPS_FOR_STAFF = List.of("tasklist", "cockpit", "welcome");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final String initialPassword;
    private final String adminUserId;

    IdentitySynchronizer(IdentityService identityService, AuthorizationService authorizationService,
            FilterService filterService, TaskService taskService,
            @Value("${app.directory.initial-password}") String initialPassword,
            @Value("${camunda.bpm.admin-user.id:admin}") String adminUserId) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.initialPassword = initialPassword;
        this.adminUserId = adminUserId;
    }

    /**
     * @param organizations   the directory's organizations
     * @param staff           the directory's staff
     * @param removedUserIds  users the previous import created and this one no longer lists
     */
    void synchronize(List<Organization> organizations, List<StaffMember> staff, Set<String> removedUserIds) {
        Map<String, Group> groups = ensureGroups(organizations, staff);
        Map<String, Set<String>> members = new HashMap<>();
        groups.keySet().forEach(g -> members.put(g, new HashSet<>()));
        for (Organization o : organizations) {
            ensureUser(o.secretaryUserId(), o.secretaryName(), o.secretaryEmail());
            members.get(Groups.SECRETARIES).add(o.secretaryUserId());
        }
        for (StaffMember s : staff) {
            ensureUser(s.userId(), s.name(), s.email());
            members.get(Groups.staffOf(s.organizationId())).add(s.userId());
            s.groups().forEach(g -> members.get(g).add(s.userId()));
        }
        members.get(Groups.ORG_DEPT).add(adminUserId);
        members.forEach(this::ensureMembers);
        for (String userId : removedUserIds) {
            if (!userId.equals(adminUserId) && identityService.createUserQuery().userId(userId).count() > 0) {
                identityService.deleteUser(userId);
                // a removed person keeps no access, even if the same user id comes back later
                authorizationService.createAuthorizationQuery().userIdIn(userId).unlimitedList()
                        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
            }
        }
        ensureFilters();
    }

    private Map<String, Group> ensureGroups(List<Organization> organizations, List<StaffMember> staff) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(Groups.ORG_DEPT, "市委组织部");
        wanted.put(Groups.INSPECTORS, "督查组");
        wanted.put(Groups.SECRETARIES, "基层党组织书记");
        Set<String> staffed = new HashSet<>();
        staff.forEach(s -> staffed.add(s.organizationId()));
        organizations.forEach(o -> {
            if (o.supervisorId() != null) {
                staffed.add(o.supervisorId());
            }
        });
        for (Organization o : organizations) {
            if (staffed.contains(o.id())) {
                wanted.put(Groups.staffOf(o.id()), o.name() + "工作人员");
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        wanted.forEach((id, name) -> {
            Group group = identityService.createGroupQuery().groupId(id).singleResult();
            if (group == null) {
                group = identityService.newGroup(id);
                group.setType("WORKFLOW");
            }
            if (!name.equals(group.getName())) {
                group.setName(name);
                identityService.saveGroup(group);
            }
            groups.put(id, group);
        });
        grantOrgDept();
        grantApplications(Groups.SECRETARIES, APPS_FOR_SECRETARIES);
        grant(Groups.SECRETARIES, Resources.PROCESS_DEFINITION, Permissions.READ);
        for (String group : groups.keySet()) {
            if (!group.equals(Groups.SECRETARIES) && !group.equals(Groups.ORG_DEPT)) {
                grantApplications(group, APPS_FOR_STAFF);
                grant(group, Resources.PROCESS_DEFINITION, Permissions.READ);
                grant(group, Resources.DECISION_DEFINITION, Permissions.READ);
            }
        }
        return groups;
    }

    private void grantOrgDept() {
        for (Resource resource : List.of(Resources.APPLICATION, Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE,
                Resources.TASK, Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION, Resources.DEPLOYMENT,
                Resources.BATCH, Resources.OPERATION_LOG_CATEGORY)) {
            grant(Groups.ORG_DEPT, resource, Permissions.ALL);
        }
        grant(Groups.ORG_DEPT, Resources.HISTORIC_TASK, HistoricTaskPermissions.ALL);
        grant(Groups.ORG_DEPT, Resources.HISTORIC_PROCESS_INSTANCE, HistoricProcessInstancePermissions.ALL);
        grant(Groups.ORG_DEPT, Resources.USER, Permissions.READ);
        grant(Groups.ORG_DEPT, Resources.GROUP, Permissions.READ);
    }

    private void grantApplications(String groupId, List<String> applications) {
        for (String application : applications) {
            grant(groupId, Resources.APPLICATION, application, Permissions.ACCESS);
        }
    }

    private void grant(String groupId, Resource resource, Permission permission) {
        grant(groupId, resource, Authorization.ANY, permission);
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null && existing.isPermissionGranted(permission)) {
            return;
        }
        Authorization authorization = existing != null ? existing
                : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizationService.saveAuthorization(authorization);
    }

    private void ensureUser(String userId, String name, String email) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identityService.newUser(userId);
            user.setPassword(initialPassword);
        } else if (name.equals(user.getFirstName()) && "".equals(user.getLastName()) && email.equals(user.getEmail())) {
            return;
        }
        // Chinese names are not split into given and family name: the whole name is the first name.
        user.setFirstName(name);
        user.setLastName("");
        user.setEmail(email);
        identityService.saveUser(user);
    }

    private void ensureMembers(String groupId, Set<String> wanted) {
        Set<String> current = new HashSet<>();
        identityService.createUserQuery().memberOfGroup(groupId).unlimitedList().forEach(u -> current.add(u.getId()));
        for (String userId : wanted) {
            if (!current.contains(userId) && identityService.createUserQuery().userId(userId).count() > 0) {
                identityService.createMembership(userId, groupId);
            }
        }
        for (String userId : current) {
            if (!wanted.contains(userId)) {
                identityService.deleteMembership(userId, groupId);
            }
        }
    }

    /** Shared Tasklist filters, in Chinese, readable by everyone; each shows only tasks its user may see. */
    private void ensureFilters() {
        ensureFilter("我的待办", -10, "分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        ensureFilter("本组待认领", -5, "我所在用户组可认领的任务",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
        ensureFilter("全部可见任务", 0, "我有权查看的全部任务（上级党组织查看本辖区）", taskService.createTaskQuery());
    }

    private void ensureFilter(String name, int priority, String description, TaskQuery query) {
        Map<String, Object> properties = new HashMap<>(Map.of("priority", priority, "description", description,
                "refresh", true, "variables", LISTED_VARIABLES));
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
            filter.setQuery(query);
        }
        if (filter.getId() == null || !properties.equals(filter.getProperties())) {
            filter.setProperties(properties);
            filterService.saveFilter(filter);
        }
        if (authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filter.getId())
                .userIdIn(Authorization.ANY).count() == 0) {
            Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            read.setResource(Resources.FILTER);
            read.setResourceId(filter.getId());
            read.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(read);
        }
    }
}
