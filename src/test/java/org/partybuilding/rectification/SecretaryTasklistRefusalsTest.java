package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What Tasklist no longer offers a secretary (create task, start process, filters) the engine refuses as well. */
@IntegrationTest
class SecretaryTasklistRefusalsTest {

    static final String SECRETARY = "li.changfu";

    @Autowired TaskService taskService;
    @LocalServerPort int port;

    @Test
    void aSecretaryMayNotCreateATaskStartAProcessOrCreateAFilter() {
        Http http = new Http(port);
        long tasks = taskService.createTaskQuery().count();

        assertThat(http.post("/engine-rest/task/create", SECRETARY, "{\"name\":\"自建任务\",\"assignee\":\"li.changfu\"}").status())
                .isEqualTo(403);
        assertThat(http.post("/engine-rest/process-definition/key/" + RectificationProcess.PROCESS_ID + "/tenant-id/village-lijia/start",
                SECRETARY, "{}").status()).isIn(403, 404);
        assertThat(http.post("/engine-rest/filter/create", SECRETARY,
                "{\"resourceType\":\"Task\",\"name\":\"我的过滤器\",\"query\":{}}").status()).isEqualTo(403);
        assertThat(http.webapp(SECRETARY, Http.DEMO_PASSWORD).post("/camunda/api/engine/engine/default/task/create",
                "{\"name\":\"自建任务\",\"assignee\":\"li.changfu\"}").status()).isEqualTo(403);

        assertThat(taskService.createTaskQuery().count()).isEqualTo(tasks);
    }
}
