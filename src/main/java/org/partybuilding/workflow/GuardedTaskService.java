package org.partybuilding.workflow;

import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's task service with {@link TaskGuard} in front of every way a user could write process state through a
 * task: completion and resolution take the form's fields only, variables are not written on their own, no BPMN
 * error or escalation is thrown from a task, unclaiming is releasing one's own claim, and comments and attachments
 * (which Camunda writes without any permission check) are for administrators only.
 */
class GuardedTaskService extends TaskServiceImpl {

    private final TaskGuard guard;

    GuardedTaskService(TaskGuard guard) {
        this.guard = guard;
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        guard.completing(commandExecutor, taskId, () -> commandExecutor.execute(context -> {
            guard.checkSubmission(context, taskId, variables);
            GuardedTaskService.super.complete(taskId, variables);
            return null;
        }));
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserializeValues) {
        return guard.completing(commandExecutor, taskId, () -> commandExecutor.execute(context -> {
            guard.checkSubmission(context, taskId, variables);
            return GuardedTaskService.super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
        }));
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        guard.completing(commandExecutor, taskId, () -> commandExecutor.execute(context -> {
            guard.checkSubmission(context, taskId, variables);
            GuardedTaskService.super.resolveTask(taskId, variables);
            return null;
        }));
    }

    @Override
    public void setAssignee(String taskId, String userId) {
        if (userId == null && guard.isReleaseOfOwnClaim(commandExecutor, taskId)) {
            // releasing one's own claim needs no TASK_ASSIGN: the command runs without the caller's permission check
            commandExecutor.execute(context -> context.runWithoutAuthorization(() -> new AssignTaskCmd(taskId, null).execute(context)));
            return;
        }
        super.setAssignee(taskId, userId);
    }

    @Override
    protected void setVariables(String taskId, Map<String, ? extends Object> variables, boolean local) {
        guard.refuseVariableWrite();
        super.setVariables(taskId, variables, local);
    }

    @Override
    protected void updateVariables(String taskId, Map<String, ? extends Object> modifications, Collection<String> deletions, boolean local) {
        guard.refuseVariableWrite();
        super.updateVariables(taskId, modifications, deletions, local);
    }

    @Override
    public void removeVariable(String taskId, String variableName) {
        guard.refuseVariableWrite();
        super.removeVariable(taskId, variableName);
    }

    @Override
    public void removeVariableLocal(String taskId, String variableName) {
        guard.refuseVariableWrite();
        super.removeVariableLocal(taskId, variableName);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> variableNames) {
        guard.refuseVariableWrite();
        super.removeVariables(taskId, variableNames);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> variableNames) {
        guard.refuseVariableWrite();
        super.removeVariablesLocal(taskId, variableNames);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        guard.refuseThrowFromTask();
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        guard.refuseThrowFromTask();
        super.handleEscalation(taskId, escalationCode, variables);
    }

    // comments and attachments: administrators only (see TaskGuard.refuseCommentOrAttachment)

    @Override
    public void addComment(String taskId, String processInstanceId, String message) {
        guard.refuseCommentOrAttachment();
        super.addComment(taskId, processInstanceId, message);
    }

    @Override
    public Comment createComment(String taskId, String processInstanceId, String message) {
        guard.refuseCommentOrAttachment();
        return super.createComment(taskId, processInstanceId, message);
    }

    @Override
    public void updateTaskComment(String taskId, String commentId, String message) {
        guard.refuseCommentOrAttachment();
        super.updateTaskComment(taskId, commentId, message);
    }

    @Override
    public void updateProcessInstanceComment(String processInstanceId, String commentId, String message) {
        guard.refuseCommentOrAttachment();
        super.updateProcessInstanceComment(processInstanceId, commentId, message);
    }

    @Override
    public void deleteTaskComment(String taskId, String commentId) {
        guard.refuseCommentOrAttachment();
        super.deleteTaskComment(taskId, commentId);
    }

    @Override
    public void deleteProcessInstanceComment(String processInstanceId, String commentId) {
        guard.refuseCommentOrAttachment();
        super.deleteProcessInstanceComment(processInstanceId, commentId);
    }

    @Override
    public void deleteTaskComments(String taskId) {
        guard.refuseCommentOrAttachment();
        super.deleteTaskComments(taskId);
    }

    @Override
    public void deleteProcessInstanceComments(String processInstanceId) {
        guard.refuseCommentOrAttachment();
        super.deleteProcessInstanceComments(processInstanceId);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId, String attachmentName,
            String attachmentDescription, InputStream content) {
        guard.refuseCommentOrAttachment();
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, content);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId, String attachmentName,
            String attachmentDescription, String url) {
        guard.refuseCommentOrAttachment();
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, url);
    }

    @Override
    public void saveAttachment(Attachment attachment) {
        guard.refuseCommentOrAttachment();
        super.saveAttachment(attachment);
    }

    @Override
    public void deleteAttachment(String attachmentId) {
        guard.refuseCommentOrAttachment();
        super.deleteAttachment(attachmentId);
    }

    @Override
    public void deleteTaskAttachment(String taskId, String attachmentId) {
        guard.refuseCommentOrAttachment();
        super.deleteTaskAttachment(taskId, attachmentId);
    }
}
