package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.OrganizationTaskProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may see and do what, over real HTTP with the demo directory: 李家村 (village-lijia, secretary
 * li.changfu) lies in 河西镇 (town-hexi, staff mao.jianjun); 龙泉村 (village-longquan, secretary
 * lin.xiuying) in 龙泉镇; zhao.min is in the organization department.
 */
@IntegrationTest
class AccessControlTest {

    private static final String PROCESS_ID = OrganizationTaskProcess.PROCESS_ID;

    @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @LocalServerPort int port;

    private Http http;
    private String lijiaInstance;
    private String longquanInstance;

    @BeforeEach
    void startOneInstancePerVillage() {
        http = new Http(port);
        OrganizationTaskProcess.deploy(repositoryService);
        lijiaInstance = start("village-lijia", "li.changfu");
        longquanInstance = start("village-longquan", "lin.xiuying");
    }

    @Test
    void refusesRequestsWithoutValidCredentials() {
        assertThat(http.getAnonymous("/engine-rest/task?maxResults=10").status()).isEqualTo(401);
        assertThat(http.getAnonymous("/api/organizations").status()).isEqualTo(401);
        assertThat(http.get("/api/organizations", "wang.shoutian", "wrong").status()).isEqualTo(401);
        assertThat(http.get("/engine-rest/task?maxResults=10", "sun.guoqing", "wrong").status()).isEqualTo(401);
        assertThat(http.getAnonymous("/api/organizations").json().get("message").asText()).contains("请先登录");
    }

    @Test
    void secretarySeesOnlyTheTasksAndInstancesOfTheirOwnOrganization() {
        assertThat(taskIds("li.changfu", lijiaInstance)).hasSize(1);
        assertThat(taskIds("li.changfu", longquanInstance)).isEmpty();
        assertThat(instanceIds("li.changfu")).contains(lijiaInstance).doesNotContain(longquanInstance);
    }

    @Test
    void secretaryCannotCompleteAnotherOrganizationsTask() {
        String foreignTask = taskService.createTaskQuery().processInstanceId(longquanInstance).singleResult().getId();

        Http.Response response = http.post("/engine-rest/task/" + foreignTask + "/complete", "li.changfu", "{}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(foreignTask).count()).isEqualTo(1);
    }

    @Test
    void secretaryCompletesTheirOwnTask() {
        String ownTask = taskService.createTaskQuery().processInstanceId(lijiaInstance).singleResult().getId();

        assertThat(http.post("/engine-rest/task/" + ownTask + "/complete", "li.changfu", "{}").status()).isEqualTo(204);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(lijiaInstance).count()).isZero();
    }

    @Test
    void supervisorSeesTheSubtreeButNotOtherTowns() {
        assertThat(taskIds("mao.jianjun", lijiaInstance)).hasSize(1);
        assertThat(taskIds("mao.jianjun", longquanInstance)).isEmpty();
        assertThat(instanceIds("mao.jianjun")).contains(lijiaInstance).doesNotContain(longquanInstance);
    }

    @Test
    void organizationDepartmentSeesEverything() {
        assertThat(taskIds("zhao.min", lijiaInstance)).hasSize(1);
        assertThat(taskIds("zhao.min", longquanInstance)).hasSize(1);
        assertThat(instanceIds("zhao.min")).contains(lijiaInstance, longquanInstance);
    }

    @Test
    void theEngineIsHardened() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.isAuthorizationEnabled()).isTrue();
        assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
        assertThat(configuration.getQueryMaxResultsLimit()).isEqualTo(2000);
        Http.Response unbounded = http.get("/engine-rest/task?maxResults=5000", "zhao.min");
        assertThat(unbounded.status()).isEqualTo(400);
    }

    @Test
    void everyAuthenticatedUserReadsTheDirectory() {
        Http.Response response = http.get("/api/organizations/village-lijia", "li.changfu");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("secretaryUserId").asText()).isEqualTo("li.changfu");
    }

    private String start(String organizationId, String secretary) {
        return OrganizationTaskProcess.start(runtimeService, organizationId, secretary);
    }

    private List<String> taskIds(String user, String processInstanceId) {
        Http.Response response = http.get("/engine-rest/task?maxResults=100&processInstanceId=" + processInstanceId, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ids(response.json());
    }

    private List<String> instanceIds(String user) {
        Http.Response response = http.get("/engine-rest/process-instance?maxResults=1000&processDefinitionKey=" + PROCESS_ID, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ids(response.json());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }
}
