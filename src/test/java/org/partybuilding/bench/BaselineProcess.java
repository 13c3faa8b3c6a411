package org.partybuilding.bench;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.taskmail.AssignmentMailOptOut;

/**
 * The benchmark's bare baseline: one user task assigned to an organization's secretary, and nothing else — no
 * listener of the product (the task opts out of the new-task mail every product model sends). Also the filler of the
 * secretaries' task lists. Not part of the product.
 */
final class BaselineProcess {

    static final String PROCESS_ID = "bench-baseline-task";
    static final String TASK_ID = "Task_Work";

    private BaselineProcess() {
    }

    static synchronized void deploy(RepositoryService repositoryService) {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_ID).count() == 0) {
            repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                    AssignmentMailOptOut.on(Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(1).startEvent()
                            .userTask(TASK_ID).name("基准测试任务").camundaAssignee("${" + DirectoryService.SECRETARY_USER_ID_VARIABLE + "}")
                            .endEvent().done(), TASK_ID)).deploy();
        }
    }

    static void start(RuntimeService runtimeService, String organizationId, String secretaryUserId) {
        runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(
                DirectoryService.ORGANIZATION_ID_VARIABLE, organizationId,
                DirectoryService.SECRETARY_USER_ID_VARIABLE, secretaryUserId));
    }
}
