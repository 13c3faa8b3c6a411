package org.partybuilding.organization;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import static org.camunda.bpm.engine.impl.util.EnsureUtil.ensureValidIndividualResourceId;

/**
 * The rows Camunda writes when a task gets an assignee or candidates, and when a user is created.
 *
 * <ul>
 * <li>An assignee or candidate user may read the task, read its variables and work on it ({@code TASK_WORK}:
 * claim and complete). Never {@code UPDATE}: renaming the task, changing its assignee or writing variables
 * outside its form is refused.</li>
 * <li>A candidate group gets {@code TASK_WORK} only. Groups read tasks through their definition-level
 * {@code READ_TASK}, limited to their organizations' tenants; a row that also granted {@code READ} would put
 * every open task of the city into each task-list query's authorization join.</li>
 * <li>A new user may read and update (change the password of) their own account, not delete it.</li>
 * </ul>
 */
class TaskAuthorizations extends DefaultAuthorizationProvider {

    private static final Permission[] USER_ON_TASK = {Permissions.READ, TaskPermissions.TASK_WORK, TaskPermissions.READ_VARIABLE};
    private static final Permission[] GROUP_ON_TASK = {TaskPermissions.TASK_WORK};

    @Override
    protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String groupId, String userId) {
        Permission[] permissions = userId != null ? USER_ON_TASK : GROUP_ON_TASK;
        if (isNew(task)) {
            // a task created in this command has no row in the database yet: no look-up needed (rows created earlier in
            // the same command are merged by the engine's cache check)
            return new AuthorizationEntity[] {createAuthorization(userId, groupId, Resources.TASK, task.getId(), permissions)};
        }
        return new AuthorizationEntity[] {createOrUpdateAuthorization(task, userId, groupId, Resources.TASK, false, permissions)};
    }

    private static boolean isNew(Task task) {
        return task instanceof TaskEntity entity && Context.getCommandContext() != null
                && Context.getCommandContext().getDbEntityManager().getDbEntityCache().isTransient(entity);
    }

    @Override
    public AuthorizationEntity[] newUser(User user) {
        String userId = user.getId();
        ensureValidIndividualResourceId("Cannot create default authorization for user " + userId, userId);
        AuthorizationEntity own = createGrantAuthorization(userId, null, Resources.USER, userId, Permissions.READ, Permissions.UPDATE);
        return new AuthorizationEntity[] {own};
    }
}
