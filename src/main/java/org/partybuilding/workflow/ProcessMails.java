package org.partybuilding.workflow;

import java.util.List;
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
            links.append("办理任务：").append(baseUrl).append("/camunda/app/tasklist/default/#/?task=").append(open.get(0).getId()).append('\n');
        }
        links.append("查看流程：").append(baseUrl).append("/camunda/app/cockpit/default/#/process-instance/")
                .append(processInstanceId).append("/runtime\n");
        return links.toString();
    }

    public String baseUrl() {
        return baseUrl;
    }
}
