package org.partybuilding.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.inspection.InspectionProcess.Elements;
import org.partybuilding.inspection.InspectionProcess.Variables;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attacks of {@code AttackRegressionTest}, tried on the quarterly inspection (2027 Q2: 河西镇 inspected by two city
 * inspectors) over real HTTP with the demo logins: an inspection completed by someone else, extra or read-only
 * variables, the round read by a secretary or another town, findings that do not hold. Each is refused with a
 * Chinese 4xx, never a 500 or a 204, and nothing changes. The clock stands at {@link InspectionApiTest#NOW} (in 2026):
 * 2027-01-01 is a future holiday whatever the date the tests run on.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectionAttackTest {

    static final String SECRETARY = "li.changfu"; // 李家村, 河西镇
    static final String OTHER_SECRETARY = "lin.xiuying"; // 龙泉村, 龙泉镇
    static final List<String> INSPECTORS = List.of("bai.xuefeng", "cui.zhihua");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired ProcessTestSupport process;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;
    private String instance;

    /** Once, before the first attack (in a test, where process test coverage records it, not in {@code @BeforeAll}). */
    @BeforeEach
    void startTheRound() {
        ClockUtil.setCurrentTime(Date.from(InspectionApiTest.NOW));
        if (instance != null) {
            return;
        }
        http = new Http(port);
        Http.Response started = http.post("/api/inspections", "zhao.min", InspectionApiTest.plan(2027, 2,
                "\"theme\":\"软弱涣散基层党组织整顿\",\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\","
                        + "\"checklist\":[\"VILLAGE-09\",\"COMMUNITY-09\"],\"inspectors\":[\"bai.xuefeng\",\"cui.zhihua\"],"
                        + "\"dueDate\":\"" + process.workingDay(10) + "\""));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        instance = started.json().get("processInstanceId").asText();
        runJobs();
        assertThat(inspections()).extracting(Task::getAssignee).contains("bai.xuefeng", "cui.zhihua");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @Order(1)
    void attackI1_nobodyButItsInspectorCompletesAnInspection() {
        Task lijia = inspectionOf("village-lijia");
        String other = INSPECTORS.stream().filter(i -> !i.equals(lijia.getAssignee())).findFirst().orElseThrow();
        String form = form(Map.of("summary", "代为填报", "noFindings", true, "findings", ""));
        // the other inspector, 河西镇's own inspector, the town's staff, the secretary inspected, the organization department
        for (String user : List.of(other, "qiu.hongmei", "mao.jianjun", SECRETARY, "zhao.min")) {
            Http.Response refused = http.post("/engine-rest/task/" + lijia.getId() + "/complete", user, form);
            assertThat(refused.status()).as(user + ": " + refused.body()).isIn(400, 403, 404);
            assertThat(refused.body()).as(user).doesNotContain("Exception:").doesNotContain("does not have").contains("无权");
        }
        // nor take it over: claim, reassign, give back, delegate
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/claim", other, "{\"userId\":\"" + other + "\"}").status())
                .isIn(400, 403, 404);
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/assignee", other, "{\"userId\":\"" + other + "\"}").status())
                .isIn(403, 404);
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/assignee", "zhao.min", "{\"userId\":\"zhao.min\"}").status())
                .isIn(403, 404);
        Http.Response unclaim = http.post("/engine-rest/task/" + lijia.getId() + "/unclaim", lijia.getAssignee(), null);
        assertThat(unclaim.status()).isEqualTo(403);
        assertThat(unclaim.json().get("message").asText()).contains("由系统指派给您，不能退回");
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/bpmnError", lijia.getAssignee(),
                "{\"errorCode\":\"PLAN_IMPOSSIBLE\"}").status()).isEqualTo(400);

        Task still = taskService.createTaskQuery().taskId(lijia.getId()).singleResult();
        assertThat(still).isNotNull();
        assertThat(still.getAssignee()).isEqualTo(lijia.getAssignee());
        assertThat(findings()).isZero();
        assertThat(target("village-lijia").get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    @Order(2)
    void attackI2_anInspectionTakesItsFormsFieldsOnlyAndTheServersVariablesStay() {
        Task lijia = inspectionOf("village-lijia");
        Object dueBefore = runtimeService.getVariable(instance, Variables.INSPECTION_DUE_DATE);
        Map<String, Object> valid = Map.of("summary", "查阅了会议记录", "noFindings", true, "findings", "");
        for (Map.Entry<String, Object> extra : List.<Map.Entry<String, Object>>of(
                Map.entry(Variables.INSPECTED_ORGANIZATION_ID, "village-longquan"),
                Map.entry(Variables.PLANNED, false),
                Map.entry(Variables.INSPECTION_DUE_DATE, "2099-01-01T00:00:00.000+0800"),
                Map.entry(Variables.YEAR, 2026),
                Map.entry("planProblem", "x"),
                Map.entry(Variables.DOCUMENT_NUMBER, "青组通〔2027〕99号"))) {
            Map<String, Object> form = new LinkedHashMap<>(valid);
            form.put(extra.getKey(), extra.getValue());
            Http.Response refused = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(), form(form));
            assertThat(refused.status()).as(extra.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).as(extra.getKey())
                    .isEqualTo("“" + extra.getKey() + "”不是任务“开展专项督查”表单中的字段，不能提交");
        }
        // read-only fields only come back unchanged
        Map<String, Object> renamed = new LinkedHashMap<>(valid);
        renamed.put("organizationName", "中共青禾市龙泉镇龙泉村委员会");
        Http.Response readonly = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(), form(renamed));
        assertThat(readonly.status()).isEqualTo(400);
        assertThat(readonly.json().get("message").asText()).isEqualTo("字段“organizationName”是只读的，不能修改");
        // nor through the variable endpoints of the task, its execution or the instance
        assertThat(http.send("PUT", "/engine-rest/task/" + lijia.getId() + "/variables/" + Variables.INSPECTED_ORGANIZATION_ID,
                lijia.getAssignee(), "{\"value\":\"village-longquan\"}").status()).isIn(400, 403);
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/localVariables", lijia.getAssignee(),
                "{\"modifications\":{\"inspectedOrganizationId\":{\"value\":\"village-longquan\"}}}").status()).isIn(400, 403);
        assertThat(http.send("PUT", "/engine-rest/execution/" + lijia.getExecutionId() + "/localVariables/" + Variables.INSPECTED_ORGANIZATION_ID,
                lijia.getAssignee(), "{\"value\":\"village-longquan\"}").status()).isIn(403, 404);
        assertThat(http.send("PUT", "/engine-rest/process-instance/" + instance + "/variables/" + Variables.INSPECTION_DUE_DATE,
                lijia.getAssignee(), "{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}").status()).isIn(403, 404);
        assertThat(http.send("DELETE", "/engine-rest/task/" + lijia.getId() + "/variables/" + Variables.INSPECTED_ORGANIZATION_ID,
                lijia.getAssignee(), null).status()).isIn(400, 403);

        assertThat(taskService.getVariable(lijia.getId(), Variables.INSPECTED_ORGANIZATION_ID)).isEqualTo("village-lijia");
        assertThat(runtimeService.getVariable(instance, Variables.INSPECTION_DUE_DATE)).isEqualTo(dueBefore);
        assertThat(runtimeService.getVariable(instance, Variables.PLANNED)).isEqualTo(true);
        assertThat(taskService.createTaskQuery().taskId(lijia.getId()).count()).isOne();
        assertThat(target("village-lijia").get("status").asText()).isEqualTo("PENDING");
        assertThat(target("village-lijia").get("summary").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void attackI3_findingsThatDoNotHoldAreRefusedInChineseOverRest() {
        Task lijia = inspectionOf("village-lijia");
        long items = count("select count(*) from rectification_item where source_ref = '2027-Q2'");
        String[][] cases = {
                {"VILLAGE-09｜一般｜会议记录\u0007不全", "findings", "控制字符"},
                {"VILLAGE-09｜一般｜会议记录\u2028不全", "findings", "控制字符"},
                {"VILLAGE-09｜一般｜会议记录\u000B不全", "findings", "控制字符"},
                {"VILLAGE-09｜一般｜会议记录\r不全", "findings", "第 2 行"},
                {"VILLAGE-09｜一般｜会议记录\u0085不全", "findings", "控制字符"},
                {"VILLAGE-02｜一般｜不在本次检查清单", "findings", "检查项 VILLAGE-02 不在本次督查的检查清单中"},
                {"VILLAGE-99｜一般｜不在任何清单", "findings", "检查项 VILLAGE-99 不在本次督查的检查清单中"},
                // in the round's checklist, but a community's item: the village's form does not list it
                {"COMMUNITY-09｜一般｜社区的检查项", "findings", "第 1 行：检查项 COMMUNITY-09 不适用于本党组织，请填写表单所列的检查项：VILLAGE-09"},
                {"VILLAGE-09｜很严重｜程度不对", "findings", "严重程度应为 一般、较重 或 严重"},
                {"VILLAGE-09｜一般｜", "findings", "请填写问题描述"},
                {"VILLAGE-09｜一般｜期限已过｜2020-01-01", "findings", "应晚于今天"},
                {"VILLAGE-09｜一般｜期限是假日｜2027-01-01", "findings", "元旦"},
                {"VILLAGE-09｜一般｜期限不是日期｜明天", "findings", "不是有效日期"},
                {"VILLAGE-09 一般 没有分隔符", "findings", "应为“检查项编号｜严重程度｜问题描述｜整改期限”"},
                {"", "findings", "没有发现问题请勾选“未发现问题”"},
        };
        for (String[] c : cases) {
            Http.Response refused = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(),
                    form(Map.of("summary", "查阅了会议记录", "noFindings", false, "findings", c[0])));
            assertThat(refused.status()).as(c[0] + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("FormFieldValidationException");
            assertThat(refused.json().get("message").asText()).as(c[0]).contains(c[2]);
        }
        // the other fields hold too
        Http.Response summary = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(),
                form(Map.of("summary", "会议\u001B记录", "noFindings", true, "findings", "")));
        assertThat(summary.status()).isEqualTo(400);
        assertThat(summary.json().get("message").asText()).contains("“督查情况”含有不可见的控制字符");
        Http.Response both = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(),
                form(Map.of("summary", "查阅了会议记录", "noFindings", true, "findings", "VILLAGE-09｜一般｜记录不全")));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("message").asText()).contains("请二选一");
        // a tab inside a description: named by its line, not as the rectification item's "title" the inspector never typed
        Http.Response tab = http.post("/engine-rest/task/" + lijia.getId() + "/complete", lijia.getAssignee(),
                form(Map.of("summary", "查阅了会议记录", "noFindings", false, "findings", "VILLAGE-09｜一般｜记录完整\nVILLAGE-09｜一般｜会议\t记录不全")));
        assertThat(tab.status()).as(tab.body()).isEqualTo(400);
        assertThat(tab.json().get("message").asText()).isEqualTo("第 2 行：问题描述不能含有制表符等控制字符");
        assertThat(findings()).isZero();
        assertThat(count("select count(*) from rectification_item where source_ref = '2027-Q2'")).isEqualTo(items);
        assertThat(taskService.createTaskQuery().taskId(lijia.getId()).count()).isOne();
    }

    @Test
    @Order(4)
    void attackI4_theRoundIsReadOnlyAsFarAsTheCallerOversees() {
        JsonNode all = http.get("/api/inspections/2027/2", "zhao.min").json();
        assertThat(all.get("targets").size()).isGreaterThan(1);

        JsonNode own = http.get("/api/inspections/2027/2", SECRETARY).json();
        assertThat(own.get("targets")).extracting(t -> t.get("organizationId").asText()).containsExactly("village-lijia");
        assertThat(own.get("findings")).allSatisfy(f -> assertThat(f.get("organizationId").asText()).isEqualTo("village-lijia"));
        assertThat(own.get("organizations").asInt()).as("counts cover what she may see").isEqualTo(1);
        assertThat(own.get("findingCount").asInt()).isEqualTo(own.get("findings").size());

        // a secretary of another town's village sees nothing of 河西镇
        JsonNode foreign = http.get("/api/inspections/2027/2", OTHER_SECRETARY).json();
        assertThat(foreign.get("targets")).isEmpty();
        assertThat(foreign.get("findings")).isEmpty();
        assertThat(foreign.get("organizations").asInt()).isZero();
        assertThat(foreign.get("inspected").asInt()).isZero();
        assertThat(foreign.get("findingCount").asInt()).isZero();
        JsonNode otherTown = http.get("/api/inspections/2027/2", "qin.ming").json(); // 龙泉镇's staff
        assertThat(otherTown.get("targets")).isEmpty();

        // nor through the engine: the instance, its tasks, variables and history
        for (String user : List.of(SECRETARY, OTHER_SECRETARY, "qin.ming")) {
            assertThat(http.get("/engine-rest/process-instance?maxResults=50&processInstanceIds=" + instance, user).json()).as(user).isEmpty();
            assertThat(http.get("/engine-rest/task?maxResults=50&processInstanceId=" + instance, user).json()).as(user).isEmpty();
            assertThat(http.get("/engine-rest/variable-instance?maxResults=50&processInstanceIdIn=" + instance, user).json()).as(user).isEmpty();
            assertThat(http.get("/engine-rest/history/variable-instance?maxResults=50&processInstanceId=" + instance, user).json())
                    .as(user).isEmpty();
            assertThat(http.get("/engine-rest/history/task?maxResults=50&processInstanceId=" + instance, user).json()).as(user).isEmpty();
        }
    }

    @Test
    @Order(5)
    void attackI5_theBulletinIsTheOrganizationDepartmentsAndItsNumberIsOneLine() {
        for (Task task : inspections()) {
            Http.Response done = http.post("/engine-rest/task/" + task.getId() + "/complete", task.getAssignee(),
                    form(Map.of("summary", "对照检查项逐项检查", "noFindings", true, "findings", "")));
            assertThat(done.status()).as(done.body()).isEqualTo(204);
        }
        runJobs();
        Task bulletin = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.BULLETIN).singleResult();
        assertThat(bulletin).isNotNull();
        for (String user : List.of("bai.xuefeng", "mao.jianjun", SECRETARY)) {
            assertThat(http.post("/engine-rest/task/" + bulletin.getId() + "/complete", user,
                    form(Map.of("documentNumber", "青组通〔2027〕8号"))).status()).as(user).isIn(403, 404);
        }
        Http.Response twoLines = http.post("/engine-rest/task/" + bulletin.getId() + "/complete", "zhao.min",
                form(Map.of("documentNumber", "青组通〔2027〕\n8号")));
        assertThat(twoLines.status()).isEqualTo(400);
        assertThat(twoLines.json().get("message").asText()).isEqualTo("“文号”不能换行");
        Http.Response overview = http.post("/engine-rest/task/" + bulletin.getId() + "/complete", "zhao.min",
                form(Map.of("documentNumber", "青组通〔2027〕8号", "overview", "督查党组织 0 个")));
        assertThat(overview.status()).isEqualTo(400);
        assertThat(http.download("/api/inspections/2027/2/bulletin.docx", "zhao.min").status()).isEqualTo(404);
        assertThat(http.post("/engine-rest/task/" + bulletin.getId() + "/complete", "zhao.min",
                form(Map.of("documentNumber", "青组通〔2027〕8号"))).status()).isEqualTo(204);
        assertThat(http.download("/api/inspections/2027/2/bulletin.docx", "zhao.min").status()).isEqualTo(200);
    }

    // --- helpers ---

    /** A task completion's body: every value as Camunda REST takes it ({"name": {"value": …}}), escaped by Jackson. */
    private static String form(Map<String, Object> values) {
        ObjectNode variables = JSON.createObjectNode();
        values.forEach((name, value) -> variables.putObject(name).set("value", JSON.valueToTree(value)));
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    private List<Task> inspections() {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.INSPECT).list();
    }

    private Task inspectionOf(String organizationId) {
        return inspections().stream().filter(t -> organizationId.equals(taskService.getVariable(t.getId(), Variables.INSPECTED_ORGANIZATION_ID)))
                .findFirst().orElseThrow();
    }

    private JsonNode target(String organizationId) {
        for (JsonNode target : http.get("/api/inspections/2027/2", "zhao.min").json().get("targets")) {
            if (target.get("organizationId").asText().equals(organizationId)) {
                return target;
            }
        }
        throw new AssertionError("no target " + organizationId);
    }

    private long findings() {
        return count("select count(*) from inspection_finding where year = 2027 and quarter = 2");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void runJobs() {
        for (int i = 0; i < 200; i++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(instance).executable().list().stream()
                    .filter(j -> j.getDuedate() == null || !j.getDuedate().after(ClockUtil.getCurrentTime()))
                    .filter(j -> managementService.createJobQuery().jobId(j.getId()).timers().count() == 0).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> managementService.executeJob(j.getId()));
        }
    }
}
