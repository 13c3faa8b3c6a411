package org.partybuilding.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.inspection.InspectionProcess.Elements;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/inspections} over real HTTP with the demo city and demo logins, and a whole round completed over
 * {@code /engine-rest} by the people it was assigned to. The clock stands at {@link #NOW} (in 2026), so the API takes
 * 2025 to 2027 and 2027-01-01 is a future holiday whatever the date the tests run on. Each test has a quarter of its own
 * in 2025 or 2027 (2026 may hold a demo round; 2027 Q2 is {@link InspectionAttackTest}'s); the job executor is off, so
 * the tests run a round's jobs themselves.
 */
@IntegrationTest
class InspectionApiTest {

    static final String ORG_DEPT = "zhao.min";
    static final String TOWN_STAFF = "mao.jianjun";
    static final String SECRETARY = "li.changfu";
    /** Monday 1 June 2026, 10:00 in the city: "today" for these tests and {@link InspectionAttackTest}. */
    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aPlannedRoundIsAssignedAvoidingOwnTownsShownAsFarAsTheCallerMaySeeAndEndsWithABulletin() throws IOException {
        int year = 2027;
        int quarter = 1;
        String body = plan(year, quarter, "\"theme\":\"村级党组织“三会一课”制度落实情况\",\"scope\":\"DOMAIN\",\"domain\":\"VILLAGE\","
                + "\"checklist\":[\"VILLAGE-09\",\"VILLAGE-10\"],\"dueDate\":\"" + process.workingDay(10) + "\"");
        Http.Response started = http.post("/api/inspections", ORG_DEPT, body);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("businessKey").asText()).isEqualTo("2027-Q1");
        assertThat(started.json().get("status").asText()).isEqualTo("PLANNING");
        assertThat(started.json().get("theme").asText()).isEqualTo("村级党组织“三会一课”制度落实情况");
        String instance = started.json().get("processInstanceId").asText();
        runJobs(instance);

        // every village, each with an inspector who is neither of its town nor its secretary
        JsonNode all = http.get("/api/inspections/2027/1", ORG_DEPT).json();
        assertThat(all.get("status").asText()).isEqualTo("INSPECTING");
        List<String> villages = directory.organizations().stream().filter(o -> o.domain().name().equals("VILLAGE")).map(Organization::id).toList();
        assertThat(ids(all.get("targets"))).containsExactlyInAnyOrderElementsOf(villages);
        assertThat(all.get("organizations").asInt()).isEqualTo(villages.size());
        for (JsonNode target : all.get("targets")) {
            String inspector = target.get("inspectorId").asText();
            assertThat(target.get("inspectorName").asText()).isNotBlank().isNotEqualTo(inspector);
            assertThat(town(target.get("organizationId").asText())).as("回避 for %s", target.get("organizationId").asText())
                    .isNotEqualTo(town(directory.staffMember(inspector).orElseThrow().organizationId()));
        }
        assertThat(taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.INSPECT).count())
                .isEqualTo(villages.size());

        // the same quarter again: 409, nothing more started
        Http.Response again = http.post("/api/inspections", ORG_DEPT, body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("2027年第一季度专项督查", "每个季度只能发起一次");
        assertThat(instances(year, quarter)).isEqualTo(1);

        // the bulletin does not exist yet
        Http.Download none = http.download("/api/inspections/2027/1/bulletin.docx", ORG_DEPT);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.text()).contains("通报尚未印发");

        // every inspector completes their own inspections over REST: 李家村 has one finding, the others none
        for (Task task : taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.INSPECT).list()) {
            String organizationId = (String) taskService.getVariable(task.getId(), InspectionProcess.Variables.INSPECTED_ORGANIZATION_ID);
            String form = "village-lijia".equals(organizationId)
                    ? inspection("查阅了会议记录，走访党员 3 名", false, "VILLAGE-09｜较重｜“微心愿”项目未按期完成｜" + process.workingDay(15))
                    : inspection("对照检查项逐项检查", true, "");
            Http.Response done = http.post("/engine-rest/task/" + task.getId() + "/complete", task.getAssignee(), form);
            assertThat(done.status()).as(organizationId + ": " + done.body()).isEqualTo(204);
        }
        runJobs(instance);
        JsonNode inspected = http.get("/api/inspections/2027/1", ORG_DEPT).json();
        assertThat(inspected.get("status").asText()).isEqualTo("BULLETIN");
        assertThat(inspected.get("inspected").asInt()).isEqualTo(villages.size());
        assertThat(inspected.get("findings")).hasSize(1);
        assertThat(inspected.get("findings").get(0).get("organizationId").asText()).isEqualTo("village-lijia");
        assertThat(inspected.get("findings").get(0).get("itemCode").asText()).isEqualTo("VILLAGE-09");

        // visibility: 河西镇's staff see 河西镇's villages only, 李家村's secretary at most her own
        JsonNode town = http.get("/api/inspections/2027/1", TOWN_STAFF).json();
        List<String> hexi = villages.stream().filter(v -> "town-hexi".equals(town(v))).toList();
        assertThat(hexi).isNotEmpty().hasSizeLessThan(villages.size());
        assertThat(ids(town.get("targets"))).containsExactlyInAnyOrderElementsOf(hexi);
        assertThat(town.get("organizations").asInt()).isEqualTo(hexi.size());
        assertThat(town.get("inspected").asInt()).isEqualTo(hexi.size());
        assertThat(town.get("findingCount").asInt()).isEqualTo(1);
        assertThat(town.get("findings")).extracting(f -> f.get("organizationId").asText()).containsOnly("village-lijia");
        JsonNode own = http.get("/api/inspections/2027/1", SECRETARY).json();
        assertThat(ids(own.get("targets"))).containsExactly("village-lijia");
        assertThat(own.get("findings")).extracting(f -> f.get("organizationId").asText()).containsOnly("village-lijia");
        JsonNode longquan = http.get("/api/inspections/2027/1", "jiang.tao").json(); // an inspector: the whole city
        assertThat(ids(longquan.get("targets"))).hasSize(villages.size());

        // org-dept issues the bulletin over REST
        Task bulletin = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.BULLETIN).singleResult();
        assertThat(bulletin).isNotNull();
        assertThat(http.post("/engine-rest/task/" + bulletin.getId() + "/complete", ORG_DEPT,
                "{\"variables\":{\"documentNumber\":{\"value\":\"青组通〔2027〕3号\"},\"remarks\":{\"value\":\"各镇党委要督促整改\"}}}").status())
                .isEqualTo(204);
        JsonNode issued = http.get("/api/inspections/2027/1", ORG_DEPT).json();
        assertThat(issued.get("status").asText()).isEqualTo("REVISITING");
        assertThat(issued.get("bulletinNumber").asText()).isEqualTo("青组通〔2027〕3号");
        assertThat(issued.get("bulletinUrl").asText()).isEqualTo("/api/inspections/2027/1/bulletin.docx");

        Http.Download docx = http.download("/api/inspections/2027/1/bulletin.docx", ORG_DEPT);
        assertThat(docx.status()).isEqualTo(200);
        assertThat(docx.contentType()).isEqualTo(InspectionController.DOCX.toString());
        assertThat(docx.contentDisposition()).startsWith("attachment").contains(".docx");
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx.body()));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains("青组通〔2027〕3号", "关于2027年第一季度基层党建专项督查情况的通报",
                    "共督查基层党组织" + villages.size() + "个", "“微心愿”项目未按期完成", "各镇党委要督促整改");
        }
    }

    @Test
    void onlyTheOrganizationDepartmentStartsARound() {
        String body = plan(2025, 3, "\"theme\":\"主题\",\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\",\"checklist\":[\"VILLAGE-09\"],"
                + "\"inspectors\":[\"bai.xuefeng\"],\"dueDate\":\"" + process.workingDay(10) + "\"");
        for (String user : List.of(SECRETARY, TOWN_STAFF, "bai.xuefeng", "qiu.hongmei")) {
            Http.Response refused = http.post("/api/inspections", user, body);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部可以发起专项督查");
            assertThat(http.post("/api/inspections", user, plan(2025, 3, null)).status()).as(user).isEqualTo(403);
        }
        assertNothingStarted(2025, 3);
        Http.Response none = http.get("/api/inspections/2025/3", ORG_DEPT);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).isEqualTo("2025年第三季度尚未发起专项督查");
    }

    @Test
    void everyBadPlanIsA400NamingItsFieldAndStartsNothing() {
        String due = process.workingDay(10).toString();
        String good = "\"theme\":\"主题\",\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\",\"checklist\":[\"VILLAGE-09\"],"
                + "\"inspectors\":[\"bai.xuefeng\"],\"dueDate\":\"" + due + "\"";
        String[][] cases = {
                {plan(2027, 3, good.replace("\"theme\":\"主题\",", "")), "theme", "请填写督查主题"},
                {plan(2027, 3, good.replace("\"theme\":\"主题\"", "\"theme\":\"  \"")), "theme", "请填写督查主题"},
                {plan(2027, 3, good.replace("\"theme\":\"主题\"", "\"theme\":\"主题\\n第二行\"")), "theme", "不能换行"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\"", "\"scope\":\"EVERYWHERE\"")), "scope", "请选择督查范围"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\",", "")), "scope", "请选择督查范围"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\"", "\"scope\":\"DOMAIN\"")), "domain", "请选择领域"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\"", "\"scope\":\"DOMAIN\",\"domain\":\"TOWN\"")),
                        "domain", "不是基层党组织的领域"},
                {plan(2027, 3, good.replace("\"organizationId\":\"town-hexi\"", "\"organizationId\":\"no-such-org\"")), "organizationId", "不存在"},
                {plan(2027, 3, good.replace("\"organizationId\":\"town-hexi\",", "")), "organizationId", "请选择上级组织"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\"", "\"scope\":\"SAMPLE\",\"sampleSize\":0")),
                        "sampleSize", "抽取数量应在 1 到"},
                {plan(2027, 3, good.replace("\"scope\":\"UNDER\",\"organizationId\":\"town-hexi\"", "\"scope\":\"SAMPLE\",\"sampleSize\":100000")),
                        "sampleSize", "抽取数量应在 1 到"},
                {plan(2027, 3, good.replace("\"VILLAGE-09\"", "\"VILLAGE-99\"")), "checklist", "检查项 VILLAGE-99 不在2027年的责任清单中"},
                {plan(2027, 3, good.replace("\"bai.xuefeng\"", "\"no.such.user\"")), "inspectors", "no.such.user 不是督查组成员"},
                {plan(2027, 3, good.replace("\"bai.xuefeng\"", "\"li.changfu\"")), "inspectors", "li.changfu 不是督查组成员"},
                {plan(2027, 3, good.replace(due, process.today().minusDays(1).toString())), "dueDate", "应晚于今天"},
                {plan(2027, 3, good.replace(due, process.today().toString())), "dueDate", "应晚于今天"},
                {plan(2027, 3, good.replace(due, "2027-01-01")), "dueDate", "元旦"},
                {plan(2027, 3, good.replace(",\"dueDate\":\"" + due + "\"", "")), "dueDate", "请填写督查完成期限"},
                {plan(2024, 3, good), "year", "年度应在 2025 到 2027 之间"},
                {plan(2028, 3, good), "year", "年度应在 2025 到 2027 之间"},
                {plan(2027, 5, good), "quarter", "季度应为 1、2、3 或 4"},
                {plan(2027, 0, good), "quarter", "季度应为 1、2、3 或 4"},
                {"{\"quarter\":3," + good + "}", "year", "年度应在"},
                {"{\"year\":\"二〇二七\",\"quarter\":3," + good + "}", "year", "值无效"},
                {plan(2027, 3, good.replace(due, "2027-13-45")), "dueDate", "日期格式应为 YYYY-MM-DD"},
                {plan(2027, 3, good + ",\"sampleSize\":\"很多\""), "sampleSize", "值无效"},
                // 回避 cannot be kept: 邱红梅 is of 河西镇
                {plan(2027, 3, good.replace("\"bai.xuefeng\"", "\"qiu.hongmei\"")), "inspectors", "回避"},
        };
        for (String[] c : cases) {
            Http.Response answer = http.post("/api/inspections", ORG_DEPT, c[0]);
            assertThat(answer.status()).as(c[0] + " → " + answer.body()).isEqualTo(400);
            JsonNode errors = answer.json().get("errors");
            assertThat(errors).as(c[0] + " → " + answer.body()).isNotNull();
            assertThat(errors).as(c[0] + " → " + answer.body())
                    .anySatisfy(e -> {
                        assertThat(e.get("field").asText()).isEqualTo(c[1]);
                        assertThat(e.get("message").asText()).contains(c[2]);
                    });
            assertThat(answer.json().get("message").asText()).as(c[0]).isNotBlank();
        }
        // a plan with several problems names every one of them
        Http.Response several = http.post("/api/inspections", ORG_DEPT, plan(2027, 3, "\"scope\":\"SAMPLE\",\"sampleSize\":0,"
                + "\"checklist\":[\"NOPE-1\",\"NOPE-2\"],\"inspectors\":[\"nobody\"],\"dueDate\":\"2027-01-01\""));
        assertThat(several.status()).isEqualTo(400);
        assertThat(several.json().get("message").asText()).startsWith("督查方案有 6 处问题");
        assertThat(several.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("theme", "dueDate", "checklist", "checklist", "inspectors", "sampleSize");

        // not JSON, or not sent as JSON
        Http.Response malformed = http.post("/api/inspections", ORG_DEPT, "{\"year\":2027,\"quarter\":3,");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).isEqualTo("请求内容不是有效的 JSON");
        Http.Response notJson = http.postRaw("/api/inspections", ORG_DEPT, "text/plain", plan(2027, 3, good));
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.json().get("message").asText()).startsWith("不支持的内容类型");
        Http.Response form = http.postRaw("/api/inspections", ORG_DEPT, "application/x-www-form-urlencoded", "year=2027&quarter=3");
        assertThat(form.status()).isEqualTo(415);
        Http.Response empty = http.post("/api/inspections", ORG_DEPT, "");
        assertThat(empty.status()).isEqualTo(400);

        assertNothingStarted(2027, 3);
        for (int year : List.of(2024, 2028)) {
            assertNothingStarted(year, 3);
        }
        assertThat(count("select count(*) from inspection_round where quarter not between 1 and 4")).isZero();
    }

    @Test
    void aRoundGivenOnlyItsQuarterWaitsForTheOrganizationDepartmentsPlanInTasklist() {
        Http.Response started = http.post("/api/inspections", ORG_DEPT, plan(2025, 1, null));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("businessKey").asText()).isEqualTo("2025-Q1");
        assertThat(started.json().get("status").asText()).isEqualTo("PLANNING");
        assertThat(started.json().has("theme")).isFalse();
        String instance = started.json().get("processInstanceId").asText();
        runJobs(instance);

        // the planning task, for the organization department, in Tasklist (over REST as kong.linghui sees it)
        JsonNode tasks = http.get("/engine-rest/task?maxResults=50&processInstanceId=" + instance + "&candidateGroup=org-dept", "kong.linghui").json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo(Elements.PLAN);
        assertThat(tasks.get(0).get("name").asText()).isEqualTo("制定督查方案");
        assertThat(taskService.getIdentityLinksForTask(tasks.get(0).get("id").asText())).extracting(l -> l.getGroupId()).containsExactly("org-dept");
        assertThat(http.get("/engine-rest/task?maxResults=50&processInstanceId=" + instance, SECRETARY).json()).isEmpty();
        assertThat(http.get("/api/inspections/2025/1", ORG_DEPT).json().get("targets")).isEmpty();
        // and once only
        assertThat(http.post("/api/inspections", ORG_DEPT, plan(2025, 1, null)).status()).isEqualTo(409);
    }

    @Test
    void aPlannedRoundForAYearWithoutResponsibilityListsIsAClearChinese400() {
        String due = process.workingDay(10).toString();
        // 2025 has no lists of its own and none to inherit: no default checklist, and no item to name
        Http.Response byDefault = http.post("/api/inspections", ORG_DEPT, plan(2025, 2, "\"theme\":\"主题\",\"scope\":\"ALL\",\"dueDate\":\"" + due + "\""));
        assertThat(byDefault.status()).isEqualTo(400);
        assertThat(byDefault.json().get("errors").get(0).get("field").asText()).isEqualTo("checklist");
        assertThat(byDefault.json().get("message").asText()).contains("2025年及以前没有书记责任清单", "请先发布2025年的责任清单");
        Http.Response named = http.post("/api/inspections", ORG_DEPT, plan(2025, 2, "\"theme\":\"主题\",\"scope\":\"ALL\","
                + "\"checklist\":[\"VILLAGE-09\"],\"dueDate\":\"" + due + "\""));
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.json().get("errors").get(0).get("field").asText()).isEqualTo("checklist");
        assertThat(named.json().get("message").asText()).contains("2025年及以前没有书记责任清单", "请先发布2025年的责任清单");
        assertNothingStarted(2025, 2);

        // 2027 inherits 2026's lists: the default checklist is the items due in the quarter
        Http.Response inherited = http.post("/api/inspections", ORG_DEPT, plan(2027, 4, "\"theme\":\"年末集中督查\",\"scope\":\"SAMPLE\","
                + "\"sampleSize\":3,\"seed\":42,\"dueDate\":\"" + due + "\""));
        assertThat(inherited.status()).as(inherited.body()).isEqualTo(201);
        assertThat(inherited.json().get("seed").asLong()).isEqualTo(42);
        assertThat(inherited.json().get("checklist")).extracting(JsonNode::asText).contains("VILLAGE-09", "COMMUNITY-09");
    }

    // --- helpers ---

    /** A plan's JSON: the year and quarter, then the given fields (none: the round is planned in Tasklist). */
    static String plan(int year, int quarter, String fields) {
        return "{\"year\":" + year + ",\"quarter\":" + quarter + (fields == null ? "" : "," + fields) + "}";
    }

    static String inspection(String summary, boolean noFindings, String findings) {
        return "{\"variables\":{\"summary\":{\"value\":\"" + summary + "\"},\"noFindings\":{\"value\":" + noFindings + "},"
                + "\"findings\":{\"value\":\"" + findings.replace("\n", "\\n") + "\"}}}";
    }

    private static List<String> ids(JsonNode targets) {
        List<String> ids = new ArrayList<>();
        targets.forEach(t -> ids.add(t.get("organizationId").asText()));
        return ids;
    }

    private void assertNothingStarted(int year, int quarter) {
        assertThat(count("select count(*) from inspection_round where year = " + year + " and quarter = " + quarter)).isZero();
        assertThat(instances(year, quarter)).isZero();
    }

    private long instances(int year, int quarter) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(InspectionProcess.PROCESS_ID)
                .processInstanceBusinessKey(year + "-Q" + quarter).count();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Runs the instance's due jobs (async continuations) as the job executor would. */
    private void runJobs(String instance) {
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

    private String town(String organizationId) {
        Organization organization = directory.organization(organizationId).orElseThrow();
        while (organization.parentId() != null && !"city".equals(organization.parentId())) {
            organization = directory.organization(organization.parentId()).orElseThrow();
        }
        return organization.parentId() == null ? null : organization.id();
    }
}
