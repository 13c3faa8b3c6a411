package org.partybuilding.annual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.annual.AnnualCycleProcess.Elements;
import org.partybuilding.assessment.AssessmentService;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attacks of {@code AttackRegressionTest}, tried on the "1248" year over real HTTP with the demo logins: a year of
 * its own far ahead (started through the service, as the API only takes this year or next) waiting for its
 * conference, and the year's list signing for 河西镇's villages. Another organization's list signed, the server's
 * variables submitted with one's own signature, the organization department's conference completed or the year's
 * variables written by a secretary or a town's staff, the report cards read beyond one's organization, a schedule of
 * expressions: each is refused with a Chinese 4xx, never a 500 or a 204, and nothing changes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnualCycleAttackTest {

    static final String SECRETARY = "li.changfu"; // 李家村, 河西镇
    static final String OTHER_SECRETARY = "lin.xiuying"; // 龙泉村, 龙泉镇
    static final String TOWN_STAFF = "mao.jianjun"; // 河西镇
    static final String ORGANIZATION = "village-lijia";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired AnnualCycleService cycles;
    @Autowired AssessmentService assessments;
    @Autowired Rounds rounds;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;
    private int year;
    private String annual;
    private final List<String> signings = new ArrayList<>();

    /** Once, before the first attack: the year far ahead, waiting for its conference, and 河西镇's list signing. */
    @BeforeEach
    void startTheYear() {
        if (annual != null) {
            return;
        }
        http = new Http(port);
        year = 40000 + ThreadLocalRandom.current().nextInt(10000);
        annual = cycles.startCycle(year, cycles.defaults(year), List.of("zhao.min", "kong.linghui", "bai.xuefeng"), "zhao.min");
        Round round = rounds.start(ListSigningProcess.PROCESS_ID, year + "-attack", year + "年度书记责任清单签订",
                new RoundScope(RoundScope.Kind.UNDER, null, "town-hexi", null, null),
                Map.of(ListSigning.YEAR_PARAMETER, year, ListSigning.DUE_DATE_PARAMETER, process.workingDay(10).toString()), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        assertThat(rounds.find(round.id()).orElseThrow().started()).isGreaterThan(1);
        runtimeService.createProcessInstanceQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                .processInstanceBusinessKeyLike(year + "-attack-%").list().forEach(i -> signings.add(i.getId()));
    }

    /** What the test started and left open goes, so no other test meets these tasks. */
    @AfterAll
    void cleanUp() {
        for (String instance : signings) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
                runtimeService.deleteProcessInstance(instance, "AnnualCycleAttackTest");
            }
        }
        if (annual != null && runtimeService.createProcessInstanceQuery().processInstanceId(annual).count() > 0) {
            runtimeService.deleteProcessInstance(annual, "AnnualCycleAttackTest");
        }
    }

    @Test
    @Order(1)
    void attackA1_nobodyButItsSecretarySignsAnOrganizationsList() {
        Task lijia = signingOf(ORGANIZATION);
        Task other = signings.stream().map(this::taskOf).filter(t -> !t.getAssignee().equals(SECRETARY)).findFirst().orElseThrow();
        String form = form(Map.of("confirmed", true));
        // 李家村's secretary signs another village's list; another town's secretary, the town's staff, the department sign hers
        Map<Task, List<String>> attempts = Map.of(other, List.of(SECRETARY), lijia, List.of(OTHER_SECRETARY, TOWN_STAFF, "qiu.hongmei", "zhao.min"));
        attempts.forEach((task, users) -> {
            for (String user : users) {
                Http.Response refused = http.post("/engine-rest/task/" + task.getId() + "/complete", user, form);
                assertThat(refused.status()).as(user + ": " + refused.body()).isIn(400, 403, 404);
                assertThat(refused.body()).as(user).doesNotContain("Exception:");
            }
        });
        // nor take it over
        for (String user : List.of(SECRETARY, TOWN_STAFF, "zhao.min")) {
            assertThat(http.post("/engine-rest/task/" + other.getId() + "/claim", user, "{\"userId\":\"" + user + "\"}").status())
                    .as(user).isIn(400, 403, 404);
            assertThat(http.post("/engine-rest/task/" + other.getId() + "/assignee", user, "{\"userId\":\"" + user + "\"}").status())
                    .as(user).isIn(403, 404);
        }
        Http.Response unclaim = http.post("/engine-rest/task/" + lijia.getId() + "/unclaim", SECRETARY, null);
        assertThat(unclaim.status()).isEqualTo(403);
        assertThat(unclaim.json().get("message").asText()).contains("由系统指派给您，不能退回");

        assertThat(taskOf(other.getProcessInstanceId()).getAssignee()).isEqualTo(other.getAssignee());
        assertThat(taskOf(lijia.getProcessInstanceId()).getAssignee()).isEqualTo(SECRETARY);
        assertThat(signatures()).isZero();
    }

    @Test
    @Order(2)
    void attackA2_aSignatureTakesItsFormsFieldOnlyAndTheServersVariablesStay() {
        Task lijia = signingOf(ORGANIZATION);
        String instance = lijia.getProcessInstanceId();
        Map<String, Object> before = runtimeService.getVariables(instance, List.of("year", "signDueDate", "signDeadline",
                DirectoryService.ORGANIZATION_ID_VARIABLE, DirectoryService.SECRETARY_USER_ID_VARIABLE));
        for (Map.Entry<String, Object> extra : List.<Map.Entry<String, Object>>of(
                Map.entry("year", 2020),
                Map.entry("signDueDate", "2099-01-01T00:00:00.000+0800"),
                Map.entry("signDeadline", "2099-01-01T00:00:00.000+0800"),
                Map.entry(DirectoryService.ORGANIZATION_ID_VARIABLE, "village-longquan"),
                Map.entry(DirectoryService.SECRETARY_USER_ID_VARIABLE, OTHER_SECRETARY))) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("confirmed", true);
            form.put(extra.getKey(), extra.getValue());
            Http.Response refused = http.post("/engine-rest/task/" + lijia.getId() + "/complete", SECRETARY, form(form));
            assertThat(refused.status()).as(extra.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).as(extra.getKey())
                    .isEqualTo("“" + extra.getKey() + "”不是任务“签订责任清单”表单中的字段，不能提交");
        }
        // the list she signs is the server's: read-only fields only come back unchanged
        for (String readonly : List.of("listText", "title", "signDeadlineText")) {
            Http.Response refused = http.post("/engine-rest/task/" + lijia.getId() + "/complete", SECRETARY,
                    form(Map.of("confirmed", true, readonly, "VILLAGE-01 无")));
            assertThat(refused.status()).as(readonly).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).isEqualTo("字段“" + readonly + "”是只读的，不能修改");
        }
        // nor through the variable endpoints of the task, its execution or the instance
        assertThat(http.send("PUT", "/engine-rest/task/" + lijia.getId() + "/variables/year", SECRETARY,
                "{\"value\":2020,\"type\":\"Integer\"}").status()).isIn(400, 403);
        assertThat(http.post("/engine-rest/task/" + lijia.getId() + "/variables", SECRETARY,
                "{\"modifications\":{\"organizationId\":{\"value\":\"village-longquan\"}}}").status()).isIn(400, 403);
        assertThat(http.send("PUT", "/engine-rest/execution/" + lijia.getExecutionId() + "/localVariables/signDueDate", SECRETARY,
                "{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}").status()).isIn(403, 404);
        assertThat(http.send("PUT", "/engine-rest/process-instance/" + instance + "/variables/signDueDate", SECRETARY,
                "{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}").status()).isIn(403, 404);
        assertThat(http.send("DELETE", "/engine-rest/task/" + lijia.getId() + "/variables/secretaryUserId", SECRETARY, null).status())
                .isIn(400, 403);
        assertThat(runtimeService.getVariables(instance, before.keySet())).isEqualTo(before);
        assertThat(signatures()).isZero();

        // her own signature, the form's field only: on time, hers, her organization's, of the year
        Http.Response signed = http.post("/engine-rest/task/" + lijia.getId() + "/complete", SECRETARY, form(Map.of("confirmed", true)));
        assertThat(signed.status()).as(signed.body()).isEqualTo(204);
        Map<String, Object> row = jdbc.sql("select * from list_signature where year = ?").param(year).query().singleRow();
        assertThat(row).containsEntry("organization_id", ORGANIZATION).containsEntry("signed_by", SECRETARY).containsEntry("late", false);
    }

    @Test
    @Order(3)
    void attackA3_theYearIsTheOrganizationDepartmentsAndItsVariablesTheServers() {
        Task conference = taskService.createTaskQuery().processInstanceId(annual).taskDefinitionKey(Elements.CONFERENCE).singleResult();
        String minutes = form(Map.of("conferenceDate", year + "-01-05", "decisions", "x", "targets", "y", "tenProjects", "z"));
        for (String user : List.of(SECRETARY, OTHER_SECRETARY, TOWN_STAFF, "qiu.hongmei", "bai.xuefeng")) {
            Http.Response refused = http.post("/engine-rest/task/" + conference.getId() + "/complete", user, minutes);
            assertThat(refused.status()).as(user + ": " + refused.body()).isIn(403, 404);
            assertThat(refused.body()).as(user).doesNotContain("Exception:");
            assertThat(http.post("/engine-rest/task/" + conference.getId() + "/claim", user, "{\"userId\":\"" + user + "\"}").status())
                    .as(user).isIn(403, 404);
            // the year's variables: the next quarter to start, the year itself
            assertThat(http.send("PUT", "/engine-rest/process-instance/" + annual + "/variables/nextQuarter", user,
                    "{\"value\":5,\"type\":\"Integer\"}").status()).as(user).isIn(403, 404);
            assertThat(http.post("/engine-rest/process-instance/" + annual + "/variables", user,
                    "{\"modifications\":{\"year\":{\"value\":2027,\"type\":\"Integer\"}}}").status()).as(user).isIn(403, 404);
            assertThat(http.send("PUT", "/engine-rest/task/" + conference.getId() + "/variables/conferenceDate", user,
                    "{\"value\":\"" + year + "-01-05\"}").status()).as(user).isIn(400, 403, 404);
            assertThat(http.send("DELETE", "/engine-rest/process-instance/" + annual, user, null).status()).as(user).isIn(403, 404);
        }
        // secretaries and other towns do not even see the city's year
        for (String user : List.of(SECRETARY, OTHER_SECRETARY)) {
            assertThat(http.get("/engine-rest/process-instance?maxResults=50&processInstanceIds=" + annual, user).json()).as(user).isEmpty();
            assertThat(http.get("/engine-rest/task?maxResults=50&processInstanceId=" + annual, user).json()).as(user).isEmpty();
        }
        // the organization department holds the conference, with its form's fields only, and writes no variable of the year
        assertThat(http.send("PUT", "/engine-rest/process-instance/" + annual + "/variables/nextQuarter", "zhao.min",
                "{\"value\":5,\"type\":\"Integer\"}").status()).isIn(403, 404);
        for (String extra : List.of("nextQuarter", "year", "talkOrganizationId")) {
            Map<String, Object> form = new LinkedHashMap<>(Map.of("conferenceDate", year + "-01-05", "decisions", "x", "targets", "y",
                    "tenProjects", "z"));
            form.put(extra, extra.equals("talkOrganizationId") ? ORGANIZATION : 5);
            Http.Response refused = http.post("/engine-rest/task/" + conference.getId() + "/complete", "zhao.min", form(form));
            assertThat(refused.status()).as(extra + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).contains("“" + extra + "”不是任务“召开年度党建工作会议”表单中的字段");
        }
        assertThat(runtimeService.getVariable(annual, AnnualCycleProcess.Variables.NEXT_QUARTER)).isEqualTo(1);
        assertThat(runtimeService.getVariable(annual, AnnualCycleProcess.Variables.YEAR)).isEqualTo(year);
        assertThat(taskService.createTaskQuery().taskId(conference.getId()).count()).isOne();
        assertThat(jdbc.sql("select conference_date is null from annual_cycle where year = ?").param(year).query(Boolean.class).single()).isTrue();
    }

    @Test
    @Order(4)
    void attackA4_aSecretaryReadsHerOwnReportCardOnly() {
        assessments.assess(year);
        JsonNode all = http.get("/api/report-cards/" + year, "zhao.min").json();
        assertThat(all.size()).isGreaterThan(1);
        JsonNode own = http.get("/api/report-cards/" + year, SECRETARY).json();
        List<String> ids = new ArrayList<>();
        own.forEach(card -> ids.add(card.get("organizationId").asText()));
        assertThat(ids).containsExactly(ORGANIZATION);
        Http.Response other = http.get("/api/report-cards/" + year + "/village-longquan", SECRETARY);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("message").asText()).isEqualTo("未找到该组织" + year + "年度的成绩单");
        assertThat(http.get("/api/report-cards/" + year + "/summary", SECRETARY).status()).isEqualTo(403);
        // she signed on time: the list component is full
        assertThat(http.get("/api/report-cards/" + year + "/" + ORGANIZATION, SECRETARY).body()).contains(ORGANIZATION);
    }

    @Test
    @Order(5)
    void attackA5_aScheduleOfExpressionsOrWordsIsRefusedAndStartsNothing() {
        int nextYear = deadlines.today().getYear() + 1;
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID).count();
        for (String value : List.of("\"${runtimeService.deleteProcessInstance('x', 'y')}\"", "\"#{annualCycleSteps.talks(execution)}\"",
                "\"" + nextYear + "-03-01T09:00:00+08:00${1}\"", "\"下周一\"", "\"now\"", "\"\"", "true", "[]",
                "{\"@class\":\"java.util.Date\"}")) {
            for (String key : List.of("q1InspectionAt", "assessmentAt")) {
                String body = "{\"schedule\":{\"" + key + "\":" + value + "}}";
                Http.Response refused = http.post("/api/years/" + nextYear + "/cycle", "zhao.min", body);
                assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(400);
                assertThat(refused.json().get("errors").get(0).get("field").asText()).as(body).isEqualTo("schedule." + key);
            }
        }
        // an expression as a key is an unknown key
        Http.Response key = http.post("/api/years/" + nextYear + "/cycle", "zhao.min",
                "{\"schedule\":{\"${annualCycleSteps}\":\"" + nextYear + "-03-01T09:00:00+08:00\"}}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.json().get("errors").get(0).get("field").asText()).isEqualTo("schedule.${annualCycleSteps}");
        Http.Response reviewer = http.post("/api/years/" + nextYear + "/cycle", "zhao.min", "{\"dutyReportReviewers\":[\"${'zhao.min'}\"]}");
        assertThat(reviewer.status()).isEqualTo(400);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID).count()).isEqualTo(before);
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

    private Task taskOf(String instance) {
        return taskService.createTaskQuery().processInstanceId(instance).singleResult();
    }

    private Task signingOf(String organizationId) {
        return signings.stream().filter(i -> organizationId.equals(runtimeService.getVariable(i, DirectoryService.ORGANIZATION_ID_VARIABLE)))
                .map(this::taskOf).findFirst().orElseThrow();
    }

    private long signatures() {
        return jdbc.sql("select count(*) from list_signature where year = ?").param(year).query(Long.class).single();
    }
}
