package org.partybuilding;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.partybuilding.organization.DirectoryService;

/** A one-task test process bound to an organization, assigned to its secretary: not part of the product. */
public final class OrganizationTaskProcess {

    public static final String PROCESS_ID = "test-organization-task";

    private OrganizationTaskProcess() {
    }

    public static synchronized void deploy(RepositoryService repositoryService) {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_ID).count() == 0) {
            repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                    Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(1).startEvent()
                            .userTask("Task_Work").name("测试任务").camundaAssignee("${secretaryUserId}")
                            .endEvent().done()).deploy();
        }
    }

    public static String start(RuntimeService runtimeService, String organizationId, String secretaryUserId) {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(
                DirectoryService.ORGANIZATION_ID_VARIABLE, organizationId,
                DirectoryService.SECRETARY_USER_ID_VARIABLE, secretaryUserId)).getId();
    }
}
