package org.partybuilding.bench;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.partybuilding.organization.DirectoryService;

/**
 * The benchmark's filler for group task lists: {@link BaselineProcess} with the task offered to a candidate
 * group (a town's staff) instead of assigned, and with a due date so that lists sorted by due date have work to do.
 * Not part of the product.
 */
final class GroupTaskProcess {

    static final String PROCESS_ID = "bench-group-task";
    static final String CANDIDATE_GROUP = "candidateGroup";
    static final String DUE_DATE = "dueDate";

    private GroupTaskProcess() {
    }

    static void deploy(RepositoryService repositoryService) {
        repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Task_Review").name("基准测试组任务")
                        .camundaCandidateGroups("${" + CANDIDATE_GROUP + "}").camundaDueDate("${" + DUE_DATE + "}")
                        .endEvent().done()).deploy();
    }

    static void start(RuntimeService runtimeService, String organizationId, String secretaryUserId, String candidateGroup,
            Date dueDate) {
        runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(
                DirectoryService.ORGANIZATION_ID_VARIABLE, organizationId,
                DirectoryService.SECRETARY_USER_ID_VARIABLE, secretaryUserId,
                CANDIDATE_GROUP, candidateGroup,
                DUE_DATE, dueDate));
    }
}
