package org.partybuilding.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.annual.ListSigning;
import org.partybuilding.annual.ListSigningProcess;
import org.partybuilding.assessment.AssessmentService;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.dutyreport.ReportStatus;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/dashboard/**} over real HTTP with the demo city: every figure is checked against what the same user may
 * read elsewhere (the engine's task query for the scope's tenants, the ledger API, the tables), never against a
 * number written here, or against what the test itself set up. mao.jianjun supervises 河西镇 (李家村 is in it),
 * shi.xiaohong 城南街道 (幸福社区).
 */
@IntegrationTest
class DashboardApiTest {

    @Autowired JdbcClient jdbc;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.ManagementService managementService;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @Autowired AssessmentService assessments;
    @Autowired Rounds rounds;
    @Autowired RuntimeService runtimeService;
    @LocalServerPort int port;

    /** Years no other test uses: list signing's (ListSigningProcessTest takes 20000–30000) and duty reports' (3000–12990). */
    private static final AtomicInteger YEARS = new AtomicInteger(40000 + ThreadLocalRandom.current().nextInt(1000) * 10);

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void eachUserSeesTheFiguresOfTheirScopeAndTheyAddUp() {
        long lijia = open("mao.jianjun", "village-lijia");
        open("shi.xiaohong", "community-xingfu");
        // one of 李家村's items is overdue (its due date moved back in the ledger only: the dashboard reads the ledger),
        // and so is its task (moved back in the engine's task table, which the dashboard reads)
        jdbc.sql("update rectification_item set due_date = current_date - 3 where id = ?").param(lijia).update();
        jdbc.sql("update act_ru_task set due_date_ = ? where proc_inst_id_ = (select process_instance_id from rectification_item where id = ?)")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(3))), lijia).update();

        JsonNode town = overview("mao.jianjun");
        assertThat(town.at("/scope/organizationId").asText()).isEqualTo("town-hexi");
        assertThat(town.at("/scope/wholeCity").asBoolean()).isFalse();
        List<String> townIds = ids(town);
        assertThat(townIds).containsExactlyInAnyOrderElementsOf(directory.overseenOrganizationIds("town-hexi"));
        assertThat(townIds.get(0)).as("the scope's own organization first").isEqualTo("town-hexi");
        assertFiguresAddUp(town, "mao.jianjun", townIds);
        JsonNode lijiaRow = row(town, "village-lijia");
        assertThat(lijiaRow.get("parentId").asText()).isEqualTo("town-hexi");
        assertThat(lijiaRow.get("depth").asInt()).isEqualTo(1);
        assertThat(lijiaRow.get("overdueItems").asLong()).isEqualTo(count("village-lijia", true));
        assertThat(lijiaRow.get("overdueItems").asLong()).isPositive();
        assertThat(lijiaRow.get("overdueTasks").asLong()).isEqualTo(taskService.createTaskQuery().tenantIdIn("village-lijia")
                .dueBefore(new Date()).count()).isPositive();
        assertThat(townIds).doesNotContain("community-xingfu");

        JsonNode city = overview("zhao.min");
        assertThat(city.at("/scope/wholeCity").asBoolean()).isTrue();
        List<String> cityIds = ids(city);
        assertThat(new HashSet<>(cityIds)).hasSameSizeAs(cityIds).containsAll(townIds).contains("community-xingfu");
        assertFiguresAddUp(city, "zhao.min", cityIds);
        assertThat(city.at("/totals/openTasks").asLong()).as("every task with an organization")
                .isEqualTo(taskService.createTaskQuery().count() - taskService.createTaskQuery().withoutTenantId().count());

        JsonNode secretary = overview("li.changfu");
        assertThat(ids(secretary)).containsExactly("village-lijia");
        assertThat(secretary.at("/totals/openTasks").asLong())
                .isEqualTo(taskService.createTaskQuery().tenantIdIn("village-lijia").count());
    }

    @Test
    void escalationsAreCountedAndListedForTheScopeOnly() {
        long item = open("mao.jianjun", "village-lijia");
        String instance = jdbc.sql("select process_instance_id from rectification_item where id = ?").param(item)
                .query(String.class).single();
        long before = row(overview("mao.jianjun"), "village-lijia").get("escalatedItems").asLong();

        fireAfterEveryEscalation(instance, Elements.SUBMIT_DEADLINE_TIMER);

        assertThat(row(overview("mao.jianjun"), "village-lijia").get("escalatedItems").asLong()).isEqualTo(before + 1);
        JsonNode latest = http.get("/api/dashboard/escalations?limit=5", "mao.jianjun").json().get(0);
        assertThat(latest.get("kind").asText()).isEqualTo("RECTIFICATION");
        assertThat(latest.get("processId").asText()).isEqualTo(RectificationProcess.PROCESS_ID);
        assertThat(latest.get("reference").asLong()).isEqualTo(item);
        assertThat(latest.get("organizationName").asText()).contains("李家村");
        assertThat(latest.get("detail").asText()).contains("一级督办");
        for (JsonNode escalation : http.get("/api/dashboard/escalations?limit=100", "shi.xiaohong").json()) {
            assertThat(escalation.get("organizationId").asText()).as("城南街道 sees only its own").isNotEqualTo("village-lijia");
        }

        Http.Response bad = http.get("/api/dashboard/escalations?limit=0", "mao.jianjun");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("limit").contains("须在 1 到 100 之间");
    }

    @Test
    void anUnsignedListsEscalationsAreListedForTheDepartmentAndItsTownButNotAnotherTown() {
        int year = YEARS.incrementAndGet();
        String instance = startListSigning(year, "village-lijia");

        fireAfterEveryEscalation(instance, ListSigningProcess.Elements.SIGN_DEADLINE_TIMER);
        fireAfterEveryEscalation(instance, ListSigningProcess.Elements.SIGN_SECOND_ESCALATION_TIMER);

        String title = "“" + year + "年度责任清单”";
        String town = directory.organization("town-hexi").orElseThrow().name();
        for (String user : List.of("zhao.min", "mao.jianjun")) {
            List<JsonNode> latest = new ArrayList<>();
            http.get("/api/dashboard/escalations?limit=2", user).json().forEach(latest::add);
            assertThat(latest).as(user).hasSize(2).allSatisfy(escalation -> {
                assertThat(escalation.get("kind").asText()).isEqualTo("PROCESS");
                assertThat(escalation.get("processId").asText()).isEqualTo(ListSigningProcess.PROCESS_ID);
                assertThat(escalation.get("processInstanceId").asText()).isEqualTo(instance);
                assertThat(escalation.get("reference").isNull()).isTrue();
                assertThat(escalation.get("organizationId").asText()).isEqualTo("village-lijia");
                assertThat(escalation.get("organizationName").asText()).contains("李家村");
                assertThat(escalation.get("title").asText()).isEqualTo(title);
                assertThat(escalation.get("noticeKind").asText()).isEqualTo("清单签订");
            });
            // newest first: the second level, to the organization department, then the first, to 河西镇
            assertThat(latest.get(0).get("detail").asText()).startsWith("签订责任清单逾期，二级督办，已通知：市委组织部（")
                    .contains("zhao.min@qinghe.example");
            assertThat(latest.get(1).get("detail").asText()).startsWith("签订责任清单逾期，一级督办，已通知：" + town + "（")
                    .contains("mao.jianjun@qinghe.example");
        }
        for (JsonNode escalation : http.get("/api/dashboard/escalations?limit=100", "shi.xiaohong").json()) {
            assertThat(escalation.get("processInstanceId").asText()).as("城南街道 sees only its own").isNotEqualTo(instance);
        }
        assertThat(jdbc.sql("select count(*) from process_escalation where process_instance_id = ?").param(instance)
                .query(Long.class).single()).as("one record per notice").isEqualTo(2);
    }

    @Test
    void anItemLeadsToItsTaskInTasklistForThoseWhoMaySeeItOnly() {
        long item = open("mao.jianjun", "village-lijia");
        String instance = jdbc.sql("select process_instance_id from rectification_item where id = ?").param(item)
                .query(String.class).single();
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        Http.Download redirect = http.download("/api/dashboard/items/" + item + "/task", "mao.jianjun");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/camunda/app/tasklist/default/#/?task=" + task));

        assertThat(http.get("/api/dashboard/items/" + item + "/task", "shi.xiaohong").status()).isEqualTo(404);
        assertThat(http.get("/api/dashboard/items/" + item + "/task", "lin.xiuying").status()).isEqualTo(404);
    }

    @Test
    void roundsAndStarsAreThoseOfTheScope() {
        JsonNode rounds = http.get("/api/dashboard/duty-reports", "mao.jianjun").json();
        List<String> townIds = directory.overseenOrganizationIds("town-hexi");
        long reports = 0;
        for (JsonNode round : rounds) {
            reports += round.get("reports").asLong();
            long byStatus = 0;
            for (JsonNode n : round.get("byStatus")) {
                byStatus += n.asLong();
            }
            assertThat(byStatus).isEqualTo(round.get("reports").asLong());
        }
        assertThat(reports).isEqualTo(jdbc.sql("select count(*) from duty_report where organization_id = any (?)")
                .param(townIds.toArray(String[]::new)).query(Long.class).single());

        for (JsonNode round : http.get("/api/dashboard/inspections", "mao.jianjun").json()) {
            assertThat(round.get("targets").asLong()).isEqualTo(jdbc.sql(
                    "select count(*) from inspection_target where year = ? and quarter = ? and organization_id = any (?)")
                    .params(round.get("year").asInt(), round.get("quarter").asInt(), townIds.toArray(String[]::new))
                    .query(Long.class).single());
        }

        int year = jdbc.sql("select coalesce(max(year), 2900) + 1 from assessment_run").query(Integer.class).single();
        assessments.assess(year);
        for (String user : List.of("zhao.min", "mao.jianjun")) {
            JsonNode stars = http.get("/api/dashboard/stars?year=" + year, user).json();
            assertThat(stars.get("year").asInt()).isEqualTo(year);
            String[] scope = user.equals("zhao.min") ? null : townIds.toArray(String[]::new);
            long organizations = 0;
            long threeOrMore = 0;
            for (int n = 1; n <= 5; n++) {
                long expected = jdbc.sql("select count(*) from assessment_result where year = ? and stars = ?"
                                + (scope == null ? "" : " and organization_id = any (?)"))
                        .params(scope == null ? List.of(year, n) : List.of(year, n, scope)).query(Long.class).single();
                assertThat(stars.at("/byStars/" + n).asLong()).as(user + ": " + n + " stars").isEqualTo(expected);
                organizations += expected;
                threeOrMore += n >= 3 ? expected : 0;
            }
            assertThat(organizations).isPositive();
            assertThat(stars.get("organizations").asLong()).isEqualTo(organizations);
            assertThat(stars.get("shareThreeStarsOrMore").asDouble()).isCloseTo((double) threeOrMore / organizations,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(stars.get("oneStepShort")).hasSize((int) Math.min(50, stars.at("/byStars/2").asLong()));
        }
    }

    @Test
    void gradesAreCountedPerRoundForTheScopeInTheirOrder() {
        int year = YEARS.incrementAndGet();
        String other = directory.overseenOrganizationIds("town-hexi").stream()
                .filter(id -> !id.equals("town-hexi") && !id.equals("village-lijia")).findFirst().orElseThrow();
        // a year-end round of its own, graded directly in the table the dashboard reads: two of 河西镇's reports and
        // one of 城南街道's, and a report still being written
        report(year, "village-lijia", ReportStatus.GRADED, "一般");
        report(year, other, ReportStatus.GRADED, "好");
        report(year, "community-xingfu", ReportStatus.GRADED, "差");
        report(year, "village-longquan", ReportStatus.WRITING, null);
        try {
            JsonNode town = round(http.get("/api/dashboard/duty-reports", "mao.jianjun").json(), year);
            assertThat(town.get("reports").asLong()).isEqualTo(2);
            assertThat(town.at("/byStatus/GRADED").asLong()).isEqualTo(2);
            assertThat(grades(town)).as("好 before 一般, 城南街道's left out").containsExactly(Map.entry("好", 1L), Map.entry("一般", 1L));

            JsonNode city = round(http.get("/api/dashboard/duty-reports", "zhao.min").json(), year);
            assertThat(city.get("reports").asLong()).isEqualTo(4);
            assertThat(grades(city)).containsExactly(Map.entry("好", 1L), Map.entry("一般", 1L), Map.entry("差", 1L));

            // every round of the town: its grades are those in the table for its organizations
            String[] townIds = directory.overseenOrganizationIds("town-hexi").toArray(String[]::new);
            for (JsonNode round : http.get("/api/dashboard/duty-reports", "mao.jianjun").json()) {
                Map<String, Long> expected = new HashMap<>();
                jdbc.sql("select grade, count(*) from duty_report where year = ? and half = ? and grade is not null and organization_id = any (?) "
                                + "group by grade")
                        .params(round.get("year").asInt(), round.get("half").asText(), townIds)
                        .query(rs -> {
                            expected.put(rs.getString(1), rs.getLong(2));
                        });
                assertThat(grades(round)).as(round.get("label").asText()).isEqualTo(expected);
            }
        } finally {
            jdbc.sql("delete from duty_report where year = ?").param(year).update();
        }
    }

    @Test
    void needsALoginAndAcceptsTheWebappsOne() {
        Http.Response anonymous = http.getAnonymous("/api/dashboard/overview");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("请先登录");

        Http.Webapp session = http.webapp("mao.jianjun", Http.DEMO_PASSWORD);
        assertThat(session.login().status()).isEqualTo(200);
        Http.Response overview = session.get("/api/dashboard/overview");
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().at("/scope/organizationId").asText()).isEqualTo("town-hexi");
        assertThat(session.post("/api/rectifications", "{}").status()).as("the webapps' login only reads").isEqualTo(401);

        Http.Response page = http.getAnonymous("/dashboard");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("党建责任制仪表盘").contains("/webjars/echarts/5.5.0/echarts.min.js");
        assertThat(http.getAnonymous("/webjars/echarts/5.5.0/echarts.min.js").status()).isEqualTo(200);
    }

    // --- helpers ---

    private void assertFiguresAddUp(JsonNode overview, String user, List<String> ids) {
        Map<String, Long> openItems = new HashMap<>();
        for (JsonNode item : http.get("/api/rectifications", user).json()) {
            String status = item.get("status").asText();
            if (!status.equals("CLOSED") && !status.equals("CANCELLED")) {
                openItems.merge(item.get("organizationId").asText(), 1L, Long::sum);
            }
        }
        Date now = new Date();
        long tasks = 0;
        long overdueTasks = 0;
        long items = 0;
        for (JsonNode row : overview.get("organizations")) {
            String id = row.get("id").asText();
            assertThat(row.get("openTasks").asLong()).as("tasks of " + id)
                    .isEqualTo(taskService.createTaskQuery().tenantIdIn(id).count());
            assertThat(row.get("overdueTasks").asLong()).as("overdue tasks of " + id)
                    .isEqualTo(taskService.createTaskQuery().tenantIdIn(id).dueBefore(now).count());
            assertThat(row.get("openItems").asLong()).as("items of " + id).isEqualTo(openItems.getOrDefault(id, 0L));
            tasks += row.get("openTasks").asLong();
            overdueTasks += row.get("overdueTasks").asLong();
            items += row.get("openItems").asLong();
        }
        assertThat(overview.at("/totals/openTasks").asLong()).isEqualTo(tasks)
                .isEqualTo(taskService.createTaskQuery().tenantIdIn(ids.toArray(String[]::new)).count());
        assertThat(overview.at("/totals/overdueTasks").asLong()).isEqualTo(overdueTasks)
                .isEqualTo(taskService.createTaskQuery().tenantIdIn(ids.toArray(String[]::new)).dueBefore(now).count());
        assertThat(overview.at("/totals/openItems").asLong()).isEqualTo(items);
    }

    /**
     * Fires the instance's timer with the clock later than every escalation recorded so far (some tests run whole years
     * ahead), so that what it sends is the newest escalation.
     */
    private void fireAfterEveryEscalation(String instance, String timerActivityId) {
        Instant latest = jdbc.sql("""
                        select max(at) from (select at from rectification_event where type = 'ESCALATED'
                            union all select at from duty_report_event where type = 'ESCALATED'
                            union all select at from process_escalation) e""")
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.parse("3000-01-02T02:00:00Z"));
        org.camunda.bpm.engine.runtime.Job timer = managementService.createJobQuery().processInstanceId(instance).timers()
                .activityId(timerActivityId).singleResult();
        assertThat(timer).as(timerActivityId).isNotNull();
        Instant at = latest.plus(Duration.ofHours(1));
        ClockUtil.setCurrentTime(Date.from(at.isAfter(timer.getDuedate().toInstant()) ? at : timer.getDuedate().toInstant()));
        try {
            managementService.executeJob(timer.getId());
        } finally {
            ClockUtil.reset();
        }
    }

    /** The year's list-signing round for one organization, started by the kit as the annual cycle starts it; its instance. */
    private String startListSigning(int year, String organizationId) {
        Round round = rounds.start(ListSigningProcess.PROCESS_ID, String.valueOf(year), year + "年度书记责任清单签订",
                new RoundScope(RoundScope.Kind.UNDER, null, organizationId, null, null),
                Map.of(ListSigning.YEAR_PARAMETER, year, ListSigning.DUE_DATE_PARAMETER, process.workingDay(6).toString()), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        assertThat(rounds.find(round.id()).orElseThrow().started()).isEqualTo(1);
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                .processInstanceBusinessKey(year + "-" + organizationId).singleResult().getId();
    }

    private void report(int year, String organizationId, ReportStatus status, String grade) {
        jdbc.sql("insert into duty_report (year, half, organization_id, business_key, status, reviewer_ids, grade) "
                        + "values (?, 'YEAR_END', ?, ?, ?, '{}', ?)")
                .params(year, organizationId, DutyReportProcess.PROCESS_ID + "-dashboard-" + year + "-" + organizationId, status.name(), grade)
                .update();
    }

    private static JsonNode round(JsonNode rounds, int year) {
        for (JsonNode round : rounds) {
            if (round.get("year").asInt() == year) {
                return round;
            }
        }
        throw new AssertionError("no round of " + year + " in " + rounds);
    }

    private static Map<String, Long> grades(JsonNode round) {
        Map<String, Long> grades = new LinkedHashMap<>();
        round.get("grades").fields().forEachRemaining(e -> grades.put(e.getKey(), e.getValue().asLong()));
        return grades;
    }

    private long open(String issuer, String organizationId) {
        Http.Response created = http.post("/api/rectifications", issuer, "{\"organizationId\":\"" + organizationId
                + "\",\"source\":\"INSPECTION\",\"sourceRef\":\"DB-1\",\"title\":\"仪表盘测试事项\",\"description\":\"\","
                + "\"severity\":\"MEDIUM\",\"dueDate\":\"" + process.workingDay(10) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long count(String organizationId, boolean overdueOnly) {
        return jdbc.sql("select count(*) from rectification_item where organization_id = ? and status not in ('CLOSED', 'CANCELLED')"
                        + (overdueOnly ? " and due_date < ?" : ""))
                .params(overdueOnly ? List.of(organizationId, process.today()) : List.of(organizationId)).query(Long.class).single();
    }

    private JsonNode overview(String user) {
        Http.Response response = http.get("/api/dashboard/overview", user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode overview) {
        List<String> ids = new ArrayList<>();
        overview.get("organizations").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    private static JsonNode row(JsonNode overview, String id) {
        for (JsonNode o : overview.get("organizations")) {
            if (o.get("id").asText().equals(id)) {
                return o;
            }
        }
        throw new AssertionError(id + " not in the overview");
    }
}
