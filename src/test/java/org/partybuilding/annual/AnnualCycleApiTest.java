package org.partybuilding.annual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.annual.AnnualCycleProcess.Elements;
import org.partybuilding.organization.Groups;
import org.partybuilding.workflow.Deadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/years} over real HTTP with the demo logins. The API takes this year or next by the real clock; the
 * successful start is next year's (2027 when written), after every refusal has been shown to start nothing. Only the
 * conference task of that year exists afterwards (nobody completes it: no timer of the year is ever due in a test),
 * so the quarterly inspection tests' own 2027 rounds are not disturbed. {@code AnnualCycleEndToEndTest} runs a whole
 * year far ahead through the service.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnualCycleApiTest {

    static final String ORG_DEPT = "zhao.min";
    static final List<String> LABELS = List.of("“1”年初党建工作会议", "“8”签订书记责任清单", "“4”第一季度专项督查", "“4”第二季度专项督查",
            "“4”第三季度专项督查", "“4”第四季度专项督查", "“2”年中书记述职", "“2”年末书记述职", "第三方满意度测评",
            "年终考核：党的建设杯、先锋指数星级", "谈优谈差", "确认表彰和问责名单");

    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired Deadlines deadlines;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;
    private int thisYear;
    private int nextYear;

    @BeforeEach
    void client() {
        http = new Http(port);
        thisYear = deadlines.today().getYear();
        nextYear = thisYear + 1;
    }

    @Test
    @Order(1)
    void onlyTheOrganizationDepartmentStartsAYearAndOnlyThisYearOrNext() {
        // a secretary, a town's supervisor, a town's inspector, a city inspector
        for (String user : List.of("li.changfu", "mao.jianjun", "qiu.hongmei", "bai.xuefeng")) {
            Http.Response refused = http.post("/api/years/" + nextYear + "/cycle", user, "{}");
            assertThat(refused.status()).as(user + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部可以发起年度流程");
        }
        for (int year : List.of(thisYear - 1, thisYear + 2, 1999)) {
            Http.Response refused = http.post("/api/years/" + year + "/cycle", ORG_DEPT, "{}");
            assertThat(refused.status()).as(year + ": " + refused.body()).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("year");
            assertThat(refused.json().get("message").asText()).isEqualTo("年度应为今年（" + thisYear + "）或明年（" + nextYear + "）");
            assertNothingStarted(year);
        }
        Http.Response notANumber = http.post("/api/years/明年/cycle", ORG_DEPT, "{}");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("message").asText()).contains("参数 year");
        assertNothingStarted(nextYear);
    }

    @Test
    @Order(2)
    void aScheduleThatDoesNotHoldIsRefusedNamingItsKeyAndStartsNothing() {
        String y = String.valueOf(nextYear);
        String[][] cases = {
                {"{\"q5InspectionAt\":\"" + y + "-12-01T09:00:00+08:00\"}", "schedule.q5InspectionAt", "日程中没有“q5InspectionAt”"},
                {"{\"q1InspectionAt\":\"" + y + "-06-10T09:00:00+08:00\",\"q2InspectionAt\":\"" + y + "-06-01T09:00:00+08:00\"}",
                        "schedule.q2InspectionAt", "第2季度督查应晚于第1季度"},
                {"{\"q4InspectionAt\":\"" + y + "-09-01T09:00:00+08:00\"}", "schedule.q4InspectionAt", "第4季度督查应晚于第3季度"},
                {"{\"assessmentAt\":\"" + y + "-11-20T09:00:00+08:00\"}", "schedule.assessmentAt", "年终考核应晚于其他各阶段（yearEndReportsAt）"},
                {"{\"yearEndReportsAt\":\"" + y + "-06-01T09:00:00+08:00\"}", "schedule.yearEndReportsAt", "年末述职应晚于年中述职"},
                {"{\"q1InspectionAt\":null}", "schedule.q1InspectionAt", "请填写“q1InspectionAt”的时间"},
                {"{\"q1InspectionAt\":\"三月一日\"}", "schedule.q1InspectionAt", "字段 schedule.q1InspectionAt 的值无效"},
                // a number is read as seconds since 1970: its timer would fire at once
                {"{\"q1InspectionAt\":42}", "schedule.q1InspectionAt", "“q1InspectionAt” 1970年1月1日 不在" + y + "年内"},
                {"{\"q1InspectionAt\":\"" + thisYear + "-12-31T09:00:00+08:00\"}", "schedule.q1InspectionAt", "不在" + y + "年内"},
                // 2028-01-01 00:30 in the city is still 2027 in UTC: the city's calendar decides
                {"{\"q4InspectionAt\":\"" + y + "-12-31T16:30:00Z\"}", "schedule.q4InspectionAt", "不在" + y + "年内"},
                {"{\"assessmentAt\":\"" + (nextYear + 2) + "-01-10T09:00:00+08:00\"}", "schedule.assessmentAt",
                        "不在" + y + "年或" + (nextYear + 1) + "年内"},
                {"{\"q1InspectionAt\":\"" + y + "-03-01\"}", "schedule.q1InspectionAt",
                        "字段 schedule.q1InspectionAt 的值无效，时间格式应为 ISO 8601 并含时区，如 2027-03-01T09:00:00+08:00"},
                {"{\"surveyWindowAt\":{\"at\":\"" + y + "-11-15T09:00:00+08:00\"}}", "schedule.surveyWindowAt", "的值无效"},
        };
        for (String[] c : cases) {
            Http.Response refused = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT, "{\"schedule\":" + c[0] + "}");
            assertThat(refused.status()).as(c[0] + " → " + refused.body()).isEqualTo(400);
            assertThat(fields(refused)).as(c[0]).contains(c[1]);
            assertThat(refused.json().get("message").asText()).as(c[0]).contains(c[2]);
        }
        // every problem of a schedule is named, not only the first
        Http.Response several = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT, "{\"schedule\":{\"foo\":\"" + y
                + "-03-01T09:00:00+08:00\",\"q3InspectionAt\":\"" + y + "-01-01T09:00:00+08:00\"}}");
        assertThat(several.status()).isEqualTo(400);
        assertThat(fields(several)).contains("schedule.foo", "schedule.q3InspectionAt");
        // reviewers the duty-report rounds would refuse months later are refused now
        for (String[] c : new String[][] {{"[\"nobody\"]", "评议人 nobody 不存在"}, {"[\"li.changfu\"]", "不是组织部或上级党组织工作人员"},
                {"[\"zhao.min\"]", "可参加评议的人员不足"}, {"[\"zhao.min\\u0007\"]", "不存在"}}) {
            Http.Response refused = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT, "{\"dutyReportReviewers\":" + c[0] + "}");
            assertThat(refused.status()).as(c[0] + " → " + refused.body()).isEqualTo(400);
            assertThat(fields(refused)).as(c[0]).containsOnly("dutyReportReviewers");
            assertThat(refused.json().get("message").asText()).as(c[0]).contains(c[1]);
        }
        // not JSON at all
        for (String body : List.of("{\"schedule\":{\"q1InspectionAt\":", "schedule=1", "{\"schedule\":[\"" + y + "-03-01T09:00:00+08:00\"]}")) {
            Http.Response refused = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT, body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).as(body).matches(".*(请求内容不是有效的 JSON|字段 schedule 的值无效).*");
        }
        assertNothingStarted(nextYear);
    }

    @Test
    @Order(3)
    void theDepartmentStartsNextYearOnceAndFollowsEveryStageInChinese() {
        String y = String.valueOf(nextYear);
        Http.Response started = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT,
                "{\"schedule\":{\"q1InspectionAt\":\"" + y + "-03-02T09:30:00+08:00\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode year = started.json();
        assertThat(year.get("year").asInt()).isEqualTo(nextYear);
        assertThat(year.get("startedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(labels(year)).containsExactlyElementsOf(LABELS);
        assertThat(year.get("stages").get(0).get("key").asText()).isEqualTo("CONFERENCE");
        assertThat(year.get("stages").get(0).get("statusLabel").asText()).isEqualTo("未开始");
        assertThat(year.get("stages").get(0).get("detail").asText()).isEqualTo("等待组织部召开会议");
        assertThat(year.get("stages").get(1).get("detail").asText()).isEqualTo("清单尚未发布");
        // the given date and the defaults for the rest
        JsonNode schedule = year.get("schedule");
        assertThat(schedule.size()).isEqualTo(AnnualCycleService.SCHEDULE_KEYS.size());
        assertThat(OffsetDateTime.parse(schedule.get("q1InspectionAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse(y + "-03-02T09:30:00+08:00").toInstant());
        assertThat(OffsetDateTime.parse(schedule.get("assessmentAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse((nextYear + 1) + "-01-10T09:00:00+08:00").toInstant());
        assertThat(year.get("stages").get(2).get("detail").asText()).isEqualTo("计划于 " + nextYear + "年3月2日 09:30 发起");

        // one instance, waiting for the organization department's conference; its tenant is the city
        String instance = year.get("processInstanceId").asText();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(y).count()).isOne();
        Task conference = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(conference.getTaskDefinitionKey()).isEqualTo(Elements.CONFERENCE);
        assertThat(conference.getAssignee()).isNull();
        assertThat(taskService.getIdentityLinksForTask(conference.getId())).extracting(IdentityLink::getGroupId).containsExactly(Groups.ORG_DEPT);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult().getTenantId()).isEqualTo("city");

        // a second start: 409 in Chinese, nothing more
        for (String body : List.of("{}", "{\"schedule\":{\"q1InspectionAt\":\"" + y + "-03-03T09:00:00+08:00\"}}")) {
            Http.Response again = http.post("/api/years/" + nextYear + "/cycle", ORG_DEPT, body);
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.json().get("message").asText()).startsWith(nextYear + "年度流程已于 ").contains("由 zhao.min 发起", "每年只能发起一次");
        }
        assertThat(http.post("/api/years/" + nextYear + "/cycle", "kong.linghui", null).status()).isEqualTo(409);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(y).count()).isOne();
        assertThat(jdbc.sql("select count(*) from annual_cycle where year = ?").param(nextYear).query(Integer.class).single()).isOne();
        assertThat(OffsetDateTime.parse(jdbc.sql("select schedule->>'q1InspectionAt' from annual_cycle where year = ?").param(nextYear)
                .query(String.class).single()).toInstant()).isEqualTo(OffsetDateTime.parse(y + "-03-02T09:30:00+08:00").toInstant());

        // followed by the department
        JsonNode followed = http.get("/api/years/" + nextYear, ORG_DEPT).json();
        assertThat(followed.get("processInstanceId").asText()).isEqualTo(instance);
        assertThat(labels(followed)).containsExactlyElementsOf(LABELS);
        List<String> statusLabels = new ArrayList<>();
        followed.get("stages").forEach(s -> statusLabels.add(s.get("statusLabel").asText()));
        assertThat(statusLabels).allMatch(label -> List.of("未开始", "进行中", "已完成").contains(label));
        assertThat(followed.get("stages").get(9).get("detail").asText()).isEqualTo("计划于 " + (nextYear + 1) + "年1月10日 09:00 进行");
    }

    @Test
    @Order(4)
    void aYearNotStartedIsA404InChinese() {
        for (int year : List.of(thisYear - 1, 1999, 9999)) {
            Http.Response missing = http.get("/api/years/" + year, ORG_DEPT);
            assertThat(missing.status()).as(missing.body()).isEqualTo(404);
            assertThat(missing.json().get("message").asText()).isEqualTo(year + "年度流程尚未发起");
        }
        assertThat(http.getAnonymous("/api/years/" + nextYear).status()).isEqualTo(401);
    }

    private void assertNothingStarted(int year) {
        assertThat(jdbc.sql("select count(*) from annual_cycle where year = ?").param(year).query(Integer.class).single())
                .as("annual_cycle row of %s", year).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(year)).count()).as("instance of %s", year).isZero();
    }

    private static List<String> fields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static List<String> labels(JsonNode year) {
        List<String> labels = new ArrayList<>();
        year.get("stages").forEach(s -> labels.add(s.get("label").asText()));
        return labels;
    }
}
