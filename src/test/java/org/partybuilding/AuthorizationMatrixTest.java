package org.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may do what, each cell over real HTTP on a fresh rectification item of 李家村 (village-lijia in 河西镇, a duty-review
 * finding: its verifiers are 河西镇's staff). Roles: the organization's secretary, another village's secretary, the
 * town's supervisor, another town's supervisor, a city inspector, the organization department, the administrator.
 * Answers: a status, or DENIED (403, or 404 where the record is simply not visible to the user).
 */
@IntegrationTest
class AuthorizationMatrixTest {

    static final int DENIED = -1;

    enum Role {
        OWN_SECRETARY("li.changfu", Http.DEMO_PASSWORD),
        OTHER_SECRETARY("lin.xiuying", Http.DEMO_PASSWORD),
        SUPERVISOR("mao.jianjun", Http.DEMO_PASSWORD),
        OTHER_SUPERVISOR("shi.xiaohong", Http.DEMO_PASSWORD),
        INSPECTOR("bai.xuefeng", Http.DEMO_PASSWORD),
        ORG_DEPT("zhao.min", Http.DEMO_PASSWORD),
        ADMIN("admin", "admin");

        final String user;
        final String password;

        Role(String user, String password) {
            this.user = user;
            this.password = password;
        }
    }

    enum Action {
        READ_TASK, CLAIM_VERIFICATION, COMPLETE_SUBMISSION, SET_TASK_VARIABLE, RENAME_TASK, READ_INSTANCE, READ_HISTORY,
        READ_VARIABLES, STATISTICS_COUNT_IT, READ_LEDGER_ITEM, DEPLOY, DELETE_INSTANCE, MANAGE_USERS,
        WEBAPP_READ_TASK, WEBAPP_SUBMIT_EXTRA_FIELD
    }

    /** Expected answers, in the order of {@link Role}. */
    static final Map<Action, int[]> MATRIX = Map.ofEntries(
            Map.entry(Action.READ_TASK, new int[] {200, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.CLAIM_VERIFICATION, new int[] {DENIED, DENIED, 204, DENIED, DENIED, DENIED, 204}),
            Map.entry(Action.COMPLETE_SUBMISSION, new int[] {204, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED}),
            Map.entry(Action.SET_TASK_VARIABLE, new int[] {400, 400, 400, 400, 400, 400, 400}),
            Map.entry(Action.RENAME_TASK, new int[] {DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 204}),
            Map.entry(Action.READ_INSTANCE, new int[] {200, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.READ_HISTORY, new int[] {200, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.READ_VARIABLES, new int[] {DENIED, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.STATISTICS_COUNT_IT, new int[] {1, 0, 1, 0, 1, 1, 1}),
            Map.entry(Action.READ_LEDGER_ITEM, new int[] {200, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.DEPLOY, new int[] {DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 200}),
            Map.entry(Action.DELETE_INSTANCE, new int[] {DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 204}),
            Map.entry(Action.MANAGE_USERS, new int[] {DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 204}),
            Map.entry(Action.WEBAPP_READ_TASK, new int[] {200, DENIED, 200, DENIED, 200, 200, 200}),
            Map.entry(Action.WEBAPP_SUBMIT_EXTRA_FIELD, new int[] {400, DENIED, DENIED, DENIED, DENIED, DENIED, 400}));

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired org.partybuilding.workflow.ProcessTestSupport process;
    @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
    @LocalServerPort int port;

    static Stream<Arguments> cells() {
        return Stream.of(Action.values()).flatMap(action -> Stream.of(Role.values())
                .map(role -> Arguments.of(action, role, MATRIX.get(action)[role.ordinal()])));
    }

    @ParameterizedTest(name = "{1} {0}: {2}")
    @MethodSource("cells")
    void eachRoleMayDoExactlyWhatTheMatrixSays(Action action, Role role, int expected) {
        Http http = new Http(port);
        int before = action == Action.STATISTICS_COUNT_IT ? counted(http, role) : 0;
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.DUTY_REVIEW, "权限矩阵",
                "矩阵 " + action + " " + role, "", Severity.LOW, process.workingDay(7), null), "mao.jianjun");
        String instance = item.processInstanceId();
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        int answer = switch (action) {
            case READ_TASK -> http.sendAs("GET", "/engine-rest/task/" + task, role.user, role.password, null).status();
            case CLAIM_VERIFICATION -> {
                taskService.complete(task, Map.of("measures", "已整改", "evidence", "照片"));
                String verify = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
                yield http.sendAs("POST", "/engine-rest/task/" + verify + "/claim", role.user, role.password,
                        "{\"userId\":\"" + role.user + "\"}").status();
            }
            case COMPLETE_SUBMISSION -> http.sendAs("POST", "/engine-rest/task/" + task + "/complete", role.user, role.password,
                    "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"照片\"}}}").status();
            case SET_TASK_VARIABLE -> http.sendAs("PUT", "/engine-rest/task/" + task + "/variables/measures", role.user, role.password,
                    "{\"value\":\"改写\"}").status();
            case RENAME_TASK -> http.sendAs("PUT", "/engine-rest/task/" + task, role.user, role.password,
                    "{\"name\":\"改名\",\"priority\":50,\"assignee\":\"li.changfu\",\"tenantId\":\"village-lijia\"}").status();
            case READ_INSTANCE -> http.sendAs("GET", "/engine-rest/process-instance/" + instance, role.user, role.password, null).status();
            case READ_HISTORY -> http.sendAs("GET", "/engine-rest/history/process-instance/" + instance, role.user, role.password, null).status();
            case READ_VARIABLES -> http.sendAs("GET", "/engine-rest/process-instance/" + instance + "/variables", role.user, role.password, null).status();
            case STATISTICS_COUNT_IT -> counted(http, role) - before;
            case READ_LEDGER_ITEM -> http.sendAs("GET", "/api/rectifications/" + item.id(), role.user, role.password, null).status();
            case DEPLOY -> http.upload("/engine-rest/deployment/create", role.user, role.password, "data",
                    "matrix-" + role + ".bpmn", model(role).getBytes(StandardCharsets.UTF_8)).status();
            case DELETE_INSTANCE -> http.sendAs("DELETE", "/engine-rest/process-instance/" + instance, role.user, role.password, null).status();
            case MANAGE_USERS -> http.sendAs("POST", "/engine-rest/user/create", role.user, role.password,
                    "{\"profile\":{\"id\":\"matrix-" + role.name().toLowerCase().replace('_', '-') + "-" + System.nanoTime()
                            + "\",\"firstName\":\"测试\",\"lastName\":\"\",\"email\":\"m@qinghe.example\"},"
                            + "\"credentials\":{\"password\":\"Matrix-Pass-2026!\"}}").status();
            case WEBAPP_READ_TASK -> http.webapp(role.user, role.password).get("/camunda/api/engine/engine/default/task/" + task).status();
            case WEBAPP_SUBMIT_EXTRA_FIELD -> http.webapp(role.user, role.password).post(
                    "/camunda/api/engine/engine/default/task/" + task + "/submit-form",
                    "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"照片\"},\"maxRejections\":{\"value\":99}}}")
                    .status();
        };

        if (expected == DENIED) {
            assertThat(answer).as("%s %s", role, action).isIn(403, 404);
        } else {
            assertThat(answer).as("%s %s", role, action).isEqualTo(expected);
        }
        if (action == Action.DEPLOY) {
            repositoryService.createProcessDefinitionQuery().processDefinitionKeyLike("matrix-%").list().stream()
                    .map(d -> d.getDeploymentId()).distinct().forEach(id -> repositoryService.deleteDeployment(id, true));
        }
        if (action == Action.DELETE_INSTANCE && expected == 204) {
            assertThat(rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT))).status().name()).isEqualTo("CANCELLED");
        }
    }

    /** A refusal says what was refused: a task not one's own, an instance only administrators change, a deployment. */
    @Test
    void aRefusalNamesWhatOnlyOthersMayDo() {
        Http http = new Http(port);
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.OTHER, "拒绝说明",
                "拒绝说明", "", Severity.LOW, process.workingDay(7), null), "mao.jianjun");
        String instance = item.processInstanceId();
        Http.Response delete = http.sendAs("DELETE", "/engine-rest/process-instance/" + instance, "mao.jianjun", Http.DEMO_PASSWORD, null);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.json().get("message").asText()).isEqualTo("无权执行此操作：发起、修改、挂起或删除流程实例只能由系统管理员进行");
        Http.Response deploy = http.upload("/engine-rest/deployment/create", "zhao.min", Http.DEMO_PASSWORD, "data", "refused.bpmn",
                model(Role.ORG_DEPT).getBytes(StandardCharsets.UTF_8));
        assertThat(deploy.status()).isEqualTo(403);
        assertThat(deploy.json().get("message").asText()).startsWith("无权执行此操作：");
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        taskService.complete(task, Map.of("measures", "已整改", "evidence", "照片"));
        String verify = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        Http.Response claim = http.sendAs("POST", "/engine-rest/task/" + verify + "/claim", "li.changfu", Http.DEMO_PASSWORD,
                "{\"userId\":\"li.changfu\"}");
        assertThat(claim.status()).isEqualTo(403);
        assertThat(claim.json().get("message").asText()).isEqualTo("无权执行此操作：您不是该任务的办理人或候选人，或没有相应权限");
    }

    /** The rectification instances the user's statistics count. */
    private static int counted(Http http, Role role) {
        int counted = 0;
        for (var definition : http.sendAs("GET", "/engine-rest/process-definition/statistics", role.user, role.password, null).json()) {
            if (definition.get("definition").get("key").asText().equals(RectificationProcess.PROCESS_ID)) {
                counted += definition.get("instances").asInt();
            }
        }
        return counted;
    }

    private static String model(Role role) {
        String id = "matrix-" + role.name().toLowerCase().replace('_', '-');
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1"><bpmn:startEvent id="s"/></bpmn:process>
                </bpmn:definitions>""".formatted(id);
    }

}
