package org.partybuilding.taskmail;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.notification.TaskMail;
import org.springframework.stereotype.Component;

/**
 * On the {@code assignment} event of every user task ({@link AssignmentMailPlugin}): one 【新任务】 mail to the new
 * assignee, in the step's transaction, with the dedup key {@code task-assigned:<taskId>:<userId>} (a retried step
 * does not mail twice; a task handed on to someone else mails them). No mail when the users assigned the task to
 * themselves (claimed it, or completed a step whose next task is theirs: they are in Tasklist), switched these mails off, or have more than {@code digest-threshold} open tasks with this one (the
 * daily digest tells them). Costs at most one insert and no directory query: the address, the switch and the count
 * are read by that insert ({@link MailOutbox#enqueueTaskMail}).
 */
@Component
class AssignmentMailListener implements TaskListener {

    static final String DEDUP_PREFIX = "task-assigned:";

    private final MailOutbox outbox;
    private final TaskMails texts;
    private final AssignmentMailProperties properties;
    /**
     * Tasks assigned per user by each running command, not yet in the task table (the engine writes at the end of the
     * command): a round's batch or a multi-instance opening many tasks for one user at once counts them too.
     */
    private final Map<CommandContext, Map<String, Integer>> assignedInCommand = new ConcurrentHashMap<>();

    AssignmentMailListener(MailOutbox outbox, TaskMails texts, AssignmentMailProperties properties) {
        this.outbox = outbox;
        this.texts = texts;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null || assignee.equals(currentUser())) {
            return;
        }
        int earlier = countInCommand(assignee);
        // the new task is not in the table yet: mail while the user's open tasks, this one included, stay within the threshold
        int limit = properties.digestThreshold() - earlier;
        if (limit <= 0) {
            return; // the digest tells them
        }
        outbox.enqueueTaskMail(new TaskMail(assignee, DEDUP_PREFIX + task.getId() + ":" + assignee,
                texts.assignedSubject(task), texts.assignedBody(task), limit));
    }

    private static String currentUser() {
        CommandContext command = Context.getCommandContext();
        return command == null ? null : command.getAuthenticatedUserId();
    }

    /** Tasks this command assigned to the user before this one; counts this one. */
    private int countInCommand(String userId) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return 0;
        }
        Map<String, Integer> counts = assignedInCommand.computeIfAbsent(command, c -> {
            c.registerCommandContextListener(new CommandContextListener() {
                @Override
                public void onCommandContextClose(CommandContext closed) {
                    assignedInCommand.remove(closed);
                }

                @Override
                public void onCommandFailed(CommandContext failed, Throwable t) {
                    assignedInCommand.remove(failed);
                }
            });
            return new HashMap<>();
        });
        return counts.merge(userId, 1, Integer::sum) - 1;
    }
}
