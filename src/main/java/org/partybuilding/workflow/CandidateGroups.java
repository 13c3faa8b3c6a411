package org.partybuilding.workflow;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.system.AsSystem;
import org.springframework.stereotype.Component;

/**
 * Gives an open task to other candidate groups, for processes whose candidate groups come from the directory
 * ({@code Task_VerifyRectification}, {@code Task_ReviewReport}) when an import moves the organization
 * ({@link org.partybuilding.organization.OrganizationsMoved}). The groups that are no longer candidates lose their
 * grant on the task, and an assignee who belongs to none of the new groups gives it back, so only the new chain may
 * claim and complete it. Runs as the server: the importer needs no permission on the task.
 */
@Component
public class CandidateGroups {

    private final TaskService taskService;
    private final AuthorizationService authorizationService;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;

    CandidateGroups(TaskService taskService, AuthorizationService authorizationService, IdentityService identityService,
            RuntimeService runtimeService) {
        this.taskService = taskService;
        this.authorizationService = authorizationService;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
    }

    /** An open task and its instance's business key. */
    public record OpenTask(Task task, String businessKey) {
    }

    /** The open tasks of one step of a process in these organizations (tenants), with their business keys. */
    public List<OpenTask> openTasks(String processId, String taskDefinitionKey, Collection<String> organizationIds) {
        return AsSystem.call(identityService, () -> taskService.createTaskQuery().processDefinitionKey(processId)
                .taskDefinitionKey(taskDefinitionKey).tenantIdIn(organizationIds.toArray(String[]::new)).list().stream()
                .map(task -> new OpenTask(task, runtimeService.createProcessInstanceQuery()
                        .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey()))
                .toList());
    }

    /** The task's candidate groups now. */
    public Set<String> of(Task task) {
        return AsSystem.call(identityService, () -> groupsOf(task.getId()));
    }

    /** What {@link #replace} changed: the candidate groups, and the assignee it took the task from (or null). */
    public record Change(boolean groups, String releasedFrom) {

        public boolean any() {
            return groups || releasedFrom != null;
        }
    }

    /** Sets the task's candidate groups to exactly these. */
    public Change replace(Task task, List<String> groups) {
        return AsSystem.call(identityService, () -> {
            Set<String> now = groupsOf(task.getId());
            boolean changed = false;
            for (String old : now) {
                if (!groups.contains(old)) {
                    taskService.deleteCandidateGroup(task.getId(), old);
                    deleteGrants(null, old, task.getId());
                    changed = true;
                }
            }
            for (String group : groups) {
                if (!now.contains(group)) {
                    taskService.addCandidateGroup(task.getId(), group);
                    changed = true;
                }
            }
            String assignee = task.getAssignee();
            if (assignee != null && identityService.createGroupQuery().groupMember(assignee)
                    .groupIdIn(groups.toArray(String[]::new)).count() == 0) {
                taskService.setAssignee(task.getId(), null);
                deleteGrants(assignee, null, task.getId());
                return new Change(changed, assignee);
            }
            return new Change(changed, null);
        });
    }

    private Set<String> groupsOf(String taskId) {
        Set<String> groups = new TreeSet<>();
        for (IdentityLink link : taskService.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }

    private void deleteGrants(String userId, String groupId, String taskId) {
        var query = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId);
        (userId != null ? query.userIdIn(userId) : query.groupIdIn(groupId)).list()
                .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
    }
}
