package org.partybuilding.organization;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mirrors the directory into Camunda's identity service: one user per secretary and staff member, the groups of
 * {@link Groups} with exactly the grants each role needs, the tenants of {@link TenantMemberships} and the shared
 * Tasklist filters. Idempotent: it only changes what differs, and takes back any grant a role no longer has.
 *
 * <p>What each role may do (definition-level grants; which instances they cover is decided by tenants):
 * <ul>
 * <li>secretaries: Tasklist; read their organization's instances and history; their own tasks through the task's
 * assignee grant ({@code TASK_WORK}, never {@code UPDATE}).</li>
 * <li>staff of a supervising organization, inspectors: Tasklist and Cockpit; read instances, tasks, variables and
 * history of the organizations they oversee (inspectors: the city); work on tasks where they are candidates.</li>
 * <li>org-dept: as staff, across the city, plus reading users, groups, deployments and the operation log. It does
 * not deploy, start, modify, suspend or delete anything in the engine: it decides through the product.</li>
 * <li>camunda-admin: Camunda's administrators (everything).</li>
 * </ul>
 */
@Component
class IdentitySynchronizer {

    /** Process variables Tasklist shows on each task card, so tasks of one process can be told apart. */
    static final List<Map<String, String>> LISTED_VARIABLES = List.of(
            Map.of("name", "title", "label", "事项"),
            Map.of("name", "dueDateText", "label", "期限"));

    static final List<String> APPS_FOR_SECRETARIES = List.of("tasklist", "welcome");
    static final List<String> APPS_FOR_STAFF = List.of("tasklist", "cockpit", "welcome");

    /** Reading a definition's instances, tasks, variables and history: what a supervisor watches. */
    private static final Set<Permission> WATCH = Set.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
            ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
            ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
    /** A secretary reads their organization's instances and history; tasks only their own (assignee grant). */
    private static final Set<Permission> FOLLOW = Set.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final TenantMemberships tenants;
    private final Accounts accounts;
    private final String adminUserId;

    IdentitySynchronizer(IdentityService identityService, AuthorizationService authorizationService,
            FilterService filterService, TaskService taskService, TenantMemberships tenants, Accounts accounts,
            @Value("${app.security.admin-user-id}") String adminUserId) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.tenants = tenants;
        this.accounts = accounts;
        this.adminUserId = adminUserId;
    }

    /**
     * @param organizations   the directory's organizations
     * @param staff           the directory's staff
     * @param removedUserIds  users the previous import created and this one no longer lists
     */
    void synchronize(List<Organization> organizations, List<StaffMember> staff, Set<String> removedUserIds) {
        Map<String, String> groups = wantedGroups(organizations, staff);
        ensureGroups(groups);
        Map<String, User> users = identityService.createUserQuery().unlimitedList().stream()
                .collect(Collectors.toMap(User::getId, Function.identity()));
        Map<String, Set<String>> members = new HashMap<>();
        groups.keySet().forEach(g -> members.put(g, new HashSet<>()));
        for (Organization o : organizations) {
            ensureUser(users, o.secretaryUserId(), o.secretaryName(), o.secretaryEmail());
            members.get(Groups.SECRETARIES).add(o.secretaryUserId());
        }
        for (StaffMember s : staff) {
            ensureUser(users, s.userId(), s.name(), s.email());
            members.get(Groups.staffOf(s.organizationId())).add(s.userId());
            s.groups().forEach(g -> members.get(g).add(s.userId()));
        }
        members.get(Groups.ORG_DEPT).add(adminUserId);
        members.forEach(this::ensureMembers);
        for (String userId : removedUserIds) {
            if (!userId.equals(adminUserId) && users.containsKey(userId)) {
                // a removed person keeps no access, even if the same user id comes back later
                authorizationService.createAuthorizationQuery().userIdIn(userId).unlimitedList()
                        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
                identityService.deleteUser(userId);
                accounts.removed(userId);
            }
        }
        tenants.synchronize(organizations, groups.keySet());
        ensureFilters();
    }

    /** The groups and their Chinese names: the three roles, and one staff group per organization that oversees others or has staff. */
    private static Map<String, String> wantedGroups(List<Organization> organizations, List<StaffMember> staff) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(Groups.ORG_DEPT, "市委组织部");
        wanted.put(Groups.INSPECTORS, "督查组");
        wanted.put(Groups.SECRETARIES, "基层党组织书记");
        Set<String> staffed = new HashSet<>();
        staff.forEach(s -> staffed.add(s.organizationId()));
        for (Organization o : organizations) {
            if (o.supervisorId() != null) {
                staffed.add(o.supervisorId());
            }
            if (o.parentId() != null) {
                staffed.add(o.parentId());
            }
        }
        for (Organization o : organizations) {
            if (staffed.contains(o.id())) {
                wanted.put(Groups.staffOf(o.id()), o.name() + "工作人员");
            }
        }
        return wanted;
    }

    private void ensureGroups(Map<String, String> wanted) {
        Map<String, Group> existing = identityService.createGroupQuery().unlimitedList().stream()
                .collect(Collectors.toMap(Group::getId, Function.identity()));
        wanted.forEach((id, name) -> {
            Group group = existing.get(id);
            if (group == null) {
                group = identityService.newGroup(id);
                group.setType("WORKFLOW");
            }
            if (!name.equals(group.getName())) {
                group.setName(name);
                identityService.saveGroup(group);
            }
        });
        for (String group : wanted.keySet()) {
            grantExactly(group, grantsOf(group));
        }
    }

    /** Every group-wide grant a role has, by resource and resource id; anything else it had is taken back. */
    private static Map<Grant, Set<Permission>> grantsOf(String group) {
        Map<Grant, Set<Permission>> grants = new HashMap<>();
        if (group.equals(Groups.SECRETARIES)) {
            APPS_FOR_SECRETARIES.forEach(app -> grants.put(new Grant(Resources.APPLICATION, app), Set.of(Permissions.ACCESS)));
            grants.put(new Grant(Resources.PROCESS_DEFINITION, Authorization.ANY), FOLLOW);
            return grants;
        }
        APPS_FOR_STAFF.forEach(app -> grants.put(new Grant(Resources.APPLICATION, app), Set.of(Permissions.ACCESS)));
        grants.put(new Grant(Resources.PROCESS_DEFINITION, Authorization.ANY), WATCH);
        grants.put(new Grant(Resources.DECISION_DEFINITION, Authorization.ANY), Set.of(Permissions.READ, Permissions.READ_HISTORY));
        grants.put(new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY), Set.of(Permissions.READ));
        if (group.equals(Groups.ORG_DEPT)) {
            grants.put(new Grant(Resources.DEPLOYMENT, Authorization.ANY), Set.of(Permissions.READ));
            grants.put(new Grant(Resources.USER, Authorization.ANY), Set.of(Permissions.READ));
            grants.put(new Grant(Resources.GROUP, Authorization.ANY), Set.of(Permissions.READ));
            grants.put(new Grant(Resources.OPERATION_LOG_CATEGORY, Authorization.ANY), Set.of(UserOperationLogCategoryPermissions.READ));
        }
        return grants;
    }

    private void grantExactly(String groupId, Map<Grant, Set<Permission>> wanted) {
        Map<Grant, Authorization> existing = new HashMap<>();
        for (Authorization a : authorizationService.createAuthorizationQuery().groupIdIn(groupId).unlimitedList()) {
            if (a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && isGroupWide(a.getResourceId())) {
                existing.put(new Grant(resource(a.getResourceType()), a.getResourceId()), a);
            }
        }
        for (Map.Entry<Grant, Authorization> entry : existing.entrySet()) {
            if (!wanted.containsKey(entry.getKey())) {
                authorizationService.deleteAuthorization(entry.getValue().getId());
            }
        }
        wanted.forEach((grant, permissions) -> {
            Authorization authorization = existing.get(grant);
            if (authorization != null && hasExactly(authorization, permissions)) {
                return;
            }
            if (authorization == null) {
                authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                authorization.setGroupId(groupId);
                authorization.setResource(grant.resource());
                authorization.setResourceId(grant.resourceId());
            }
            authorization.setPermissions(permissions.toArray(Permission[]::new));
            authorizationService.saveAuthorization(authorization);
        });
    }

    /** Grants on all resources of a type, or on one of the webapps; per-task rows are the engine's own. */
    private static boolean isGroupWide(String resourceId) {
        return Authorization.ANY.equals(resourceId) || APPS_FOR_STAFF.contains(resourceId) || "admin".equals(resourceId);
    }

    /** The grant has exactly these permissions (compared as Camunda stores them: one bit mask). */
    private static boolean hasExactly(Authorization authorization, Set<Permission> permissions) {
        int wanted = permissions.stream().mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b);
        return ((AuthorizationEntity) authorization).getPermissions() == wanted;
    }

    private static Resource resource(int type) {
        for (Resources r : EnumSet.allOf(Resources.class)) {
            if (r.resourceType() == type) {
                return r;
            }
        }
        throw new IllegalStateException("Unknown resource type " + type);
    }

    private void ensureUser(Map<String, User> users, String userId, String name, String email) {
        User user = users.get(userId);
        String initialPassword = null;
        if (user == null) {
            user = identityService.newUser(userId);
            initialPassword = accounts.initialPassword();
            user.setPassword(initialPassword);
        } else if (name.equals(user.getFirstName()) && "".equals(user.getLastName()) && email.equals(user.getEmail())) {
            return;
        }
        // Chinese names are not split into given and family name: the whole name is the first name.
        user.setFirstName(name);
        user.setLastName("");
        user.setEmail(email);
        identityService.saveUser(user);
        users.put(userId, user);
        if (initialPassword != null) {
            accounts.created(userId, name, email, initialPassword);
        }
    }

    private void ensureMembers(String groupId, Set<String> wanted) {
        Set<String> current = new HashSet<>();
        identityService.createUserQuery().memberOfGroup(groupId).unlimitedList().forEach(u -> current.add(u.getId()));
        for (String userId : wanted) {
            if (!current.contains(userId)) {
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

    private record Grant(Resource resource, String resourceId) {
    }
}
