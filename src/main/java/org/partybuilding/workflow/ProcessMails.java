package org.partybuilding.workflow;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What every process mail shares: the links to the task and the instance, and the footer. */
@Component
public class ProcessMails {

    public static final String FOOTER = "\n\n——\n此邮件由“1248”党建责任制系统自动发送，请勿直接回复。";

    private final TaskService taskService;
    private final String baseUrl;

    ProcessMails(TaskService taskService, @Value("${app.base-url}") String baseUrl) {
        this.taskService = taskService;
        this.baseUrl = baseUrl;
    }

    /** Links to the instance's newest open task in Tasklist and to the instance in Cockpit. */
    public String links(String processInstanceId) {
        StringBuilder links = new StringBuilder("\n");
        List<Task> open = taskService.createTaskQuery().processInstanceId(processInstanceId).active()
                .orderByTaskCreateTime().desc().listPage(0, 1);
        if (!open.isEmpty()) {
            links.append("办理任务：").append(taskLink(open.get(0).getId())).append('\n');
        }
        links.append("查看流程：").append(baseUrl).append("/camunda/app/cockpit/default/#/process-instance/")
                .append(processInstanceId).append("/runtime\n");
        return links.toString();
    }

    /**
     * Links for a step of the instance: to the open task of the scope the execution is in (one organization's task of
     * a multi-instance, not the newest of the whole instance) and to the instance.
     */
    public String links(DelegateExecution execution) {
        ExecutionEntity current = (ExecutionEntity) execution;
        // the execution of the scope the step is in (the step itself may be a scope: it has input mappings)
        ExecutionEntity scope = current.getActivity() == null ? null
                : (ExecutionEntity) current.findExecutionForFlowScope(current.getActivity().getFlowScope());
        if (scope == null || scope.isProcessInstanceExecution()) {
            return links(execution.getProcessInstanceId());
        }
        Set<String> executions = new HashSet<>();
        collectExecutions(scope, executions);
        StringBuilder links = new StringBuilder("\n");
        // the scope's few executions, each asked for its task: not every task of an instance with thousands of them
        executions.stream().flatMap(id -> taskService.createTaskQuery().executionId(id).active().list().stream())
                .max(Comparator.comparing(Task::getCreateTime)).ifPresent(task -> links.append("办理任务：")
                        .append(taskLink(task.getId())).append('\n'));
        links.append("查看流程：").append(baseUrl).append("/camunda/app/cockpit/default/#/process-instance/")
                .append(execution.getProcessInstanceId()).append("/runtime\n");
        return links.toString();
    }

    private static void collectExecutions(ExecutionEntity execution, Set<String> ids) {
        ids.add(execution.getId());
        for (ExecutionEntity child : execution.getExecutions()) {
            collectExecutions(child, ids);
        }
    }

    /** The task in Tasklist (its form, after the login). */
    public String taskLink(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    public String baseUrl() {
        return baseUrl;
    }
}
