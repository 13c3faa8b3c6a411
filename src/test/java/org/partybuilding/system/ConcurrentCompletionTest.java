package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two users' tasks of one instance completed at the same moment over REST meet at the same join: the engine lets one
 * commit and refuses the other with an optimistic-locking conflict. The user must not see it: the product repeats
 * the refused command (a fresh transaction) instead of answering 500.
 */
@IntegrationTest
class ConcurrentCompletionTest {

    static final String PROCESS_ID = "test-parallel-tasks";

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @LocalServerPort int port;

    @Test
    void tasksCompletedAtOnceAtAJoinAllSucceedAndEveryInstanceEnds() throws Exception {
        repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(1).startEvent()
                        .parallelGateway("Fork")
                        .userTask("Task_A").name("并行任务甲").camundaAssignee("${secretaryUserId}")
                        .parallelGateway("Join")
                        .endEvent()
                        .moveToNode("Fork")
                        .userTask("Task_B").name("并行任务乙").camundaAssignee("${secretaryUserId}")
                        .connectTo("Join")
                        .done()).deploy();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            instances.add(runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(
                    DirectoryService.ORGANIZATION_ID_VARIABLE, "village-lijia",
                    DirectoryService.SECRETARY_USER_ID_VARIABLE, "li.changfu")).getId());
        }
        Http http = new Http(port);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (String instance : instances) {
                List<String> tasks = taskService.createTaskQuery().processInstanceId(instance).list().stream().map(t -> t.getId()).toList();
                assertThat(tasks).hasSize(2);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String task : tasks) {
                    answers.add(clients.submit(() -> {
                        together.await();
                        Http.Response response = http.post("/engine-rest/task/" + task + "/complete", "li.changfu", "{}");
                        return response.status();
                    }));
                }
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(), 1, Integer::sum);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(statuses).as("answers by status").containsOnlyKeys(204);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID).finished().count())
                .as("every instance passed its join and ended").isEqualTo(instances.size());
    }

    /**
     * The same task sent twice at the same moment (a double click, two windows): done once; the other request hears in
     * Chinese that the task is already done (404), not a 500 about whatever the engine tripped over, and not that the
     * user may not work on it. A task completed long ago, or an id that never existed, answers the same.
     */
    @Test
    void theSameTaskCompletedTwiceAtOnceIsDoneOnceAndTheOtherRequestIsToldSo() throws Exception {
        repositoryService.createDeployment().name(PROCESS_ID + "-twice").addModelInstance(PROCESS_ID + "-twice.bpmn",
                Bpmn.createExecutableProcess(PROCESS_ID + "-twice").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Task_Once").name("只办一次").camundaAssignee("${secretaryUserId}")
                        .serviceTask("Task_After").camundaExpression("${true}")
                        .endEvent().done()).deploy();
        Http http = new Http(port);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        String lastTask = null;
        try {
            for (int i = 0; i < 20; i++) {
                String instance = runtimeService.startProcessInstanceByKey(PROCESS_ID + "-twice", Map.of(
                        DirectoryService.ORGANIZATION_ID_VARIABLE, "village-lijia",
                        DirectoryService.SECRETARY_USER_ID_VARIABLE, "li.changfu")).getId();
                String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
                lastTask = task;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int twice = 0; twice < 2; twice++) {
                    answers.add(clients.submit(() -> {
                        together.await();
                        return http.post("/engine-rest/task/" + task + "/complete", "li.changfu", "{}");
                    }));
                }
                int done = 0;
                for (Future<Http.Response> answer : answers) {
                    Http.Response response = answer.get();
                    statuses.merge(response.status(), 1, Integer::sum);
                    if (response.status() == 204) {
                        done++;
                    } else {
                        refusals.add(response.body());
                    }
                }
                assertThat(done).as("completed once: %s", refusals).isEqualTo(1);
                assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count()).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(statuses).as("answers by status: %s", refusals).containsOnlyKeys(204, 404);
        assertThat(refusals).allSatisfy(body -> assertThat(body).contains("该任务已经办结或不存在"));
        Http.Response again = http.post("/engine-rest/task/" + lastTask + "/submit-form", "li.changfu", "{\"variables\":{}}");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).contains("该任务已经办结或不存在");
        Http.Response forged = http.post("/engine-rest/task/00000000-forged/complete", "li.changfu", "{}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(404);
    }
}
