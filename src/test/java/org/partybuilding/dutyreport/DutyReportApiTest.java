package org.partybuilding.dutyreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/duty-reports} and {@code /api/rounds} over real HTTP with the demo city: the organization department
 * (zhao.min) starts this year's year-end round for every grassroots organization, graded by the department and the
 * city's inspectors. Bad requests change nothing; a second request starts nothing.
 */
@IntegrationTest
class DutyReportApiTest {

    static final String REVIEWERS = "[\"zhao.min\",\"kong.linghui\",\"bai.xuefeng\",\"cui.zhihua\",\"kang.li\"]";

    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @Autowired WorkingDays workingDays;
    @Autowired Rounds rounds;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aRoundForTheWholeCityStartsOneReportPerGrassrootsOrganizationOnceHoweverOftenItIsAsked() {
        int year = process.today().getYear();
        long grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).count();
        String body = round(year, "YEAR_END", process.workingDay(15).toString(), REVIEWERS);

        Http.Response first = http.post("/api/duty-reports/rounds", "zhao.min", body);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().get("created").asBoolean()).isTrue();
        assertThat(first.json().get("total").asLong()).isEqualTo(grassroots);
        long id = first.json().get("id").asLong();
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> http.get("/api/rounds/" + id, "zhao.min").json().has("finishedAt"));

        JsonNode progress = http.get("/api/rounds/" + id, "zhao.min").json();
        assertThat(progress.get("started").asLong()).isEqualTo(grassroots);
        assertThat(progress.get("failed").asLong()).isZero();
        assertThat(progress.get("pending").asLong()).isZero();
        assertThat(instances(year, "YEAR_END")).isEqualTo(grassroots);

        Http.Response again = http.post("/api/duty-reports/rounds", "zhao.min", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(again.json().get("message").asText()).contains("未重复发起");
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(instances(year, "YEAR_END")).isEqualTo(grassroots);

        // each sees the reports of their organizations
        JsonNode all = http.get("/api/duty-reports?year=" + year + "&half=YEAR_END", "zhao.min").json();
        assertThat(all.size()).isEqualTo((int) grassroots);
        assertThat(all.get(0).get("status").asText()).isEqualTo("WRITING");
        JsonNode own = http.get("/api/duty-reports?year=" + year + "&half=YEAR_END", "li.changfu").json();
        assertThat(own).extracting(r -> r.get("organizationId").asText()).containsExactly("village-lijia");
        JsonNode town = http.get("/api/duty-reports?year=" + year + "&half=YEAR_END", "mao.jianjun").json();
        assertThat(town).extracting(r -> r.get("organizationId").asText()).contains("village-lijia").doesNotContain("village-longquan");
        assertThat(town.size()).isLessThan(all.size());
    }

    @Test
    void onlyTheOrganizationDepartmentStartsRoundsAndReadsTheirProgress() {
        int year = process.today().getYear() + 1;
        Http.Response refused = http.post("/api/duty-reports/rounds", "mao.jianjun",
                round(year, "MID_YEAR", process.workingDay(15).toString(), REVIEWERS));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部可以发起书记述职");
        assertThat(http.get("/api/rounds", "li.changfu").status()).isEqualTo(403);
        assertThat(instances(year)).isZero();
    }

    @Test
    void everyBadRequestIsAChineseFieldErrorAndStartsNothing() {
        int year = process.today().getYear() + 1;
        String due = process.workingDay(15).toString();
        LocalDate saturday = process.today().plusDays(1);
        while (saturday.getDayOfWeek() != DayOfWeek.SATURDAY || workingDays.isWorkingDay(saturday)) {
            saturday = saturday.plusDays(1);
        }
        long rounds = jdbc.sql("select count(*) from process_round").query(Long.class).single();
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {round(year, "HALF", due, REVIEWERS), "half", "半年度应为 MID_YEAR（年中）或 YEAR_END（年末）"},
                new String[] {round(year + 1, "MID_YEAR", due, REVIEWERS), "year", "超过明年"},
                new String[] {round(year, "MID_YEAR", process.today().minusDays(1).toString(), REVIEWERS), "dueDate", "已过"},
                new String[] {round(year, "MID_YEAR", saturday.toString(), REVIEWERS), "dueDate", "是星期六，提交期限须为工作日"},
                new String[] {round(year, "MID_YEAR", year + "-10-01", REVIEWERS), "dueDate", "国庆节"},
                new String[] {round(year, "MID_YEAR", due, "[\"zhao.min\",\"kong.linghui\",\"no.such.user\"]"), "reviewerIds",
                        "评议人 no.such.user 不存在"},
                new String[] {round(year, "MID_YEAR", due, "[\"zhao.min\",\"kong.linghui\",\"li.changfu\"]"), "reviewerIds",
                        "不是组织部或上级党组织工作人员"},
                new String[] {round(year, "MID_YEAR", due, "[\"zhao.min\",\"kong.linghui\",\"mao.jianjun\"]"), "reviewerIds",
                        "可参加评议的人员不足 3 人"},
                new String[] {round(year, "MID_YEAR", due, "[]"), "reviewerIds", "请选择评议人"},
                new String[] {"{\"year\":" + year + ",\"half\":\"MID_YEAR\",\"dueDate\":\"" + due + "\",\"reviewerIds\":" + REVIEWERS
                        + ",\"scope\":{\"kind\":\"DOMAIN\",\"domain\":\"TOWN\"}}", "scope.domain", "不是基层党组织的领域"},
                new String[] {"{\"year\":" + year + ",\"half\":\"MID_YEAR\",\"dueDate\":\"" + due + "\",\"reviewerIds\":" + REVIEWERS
                        + ",\"scope\":{\"kind\":\"SAMPLE\",\"sampleSize\":100000}}", "scope.sampleSize", "抽取数量应在 1 到"}));
        for (String[] c : cases) {
            Http.Response answer = http.post("/api/duty-reports/rounds", "zhao.min", c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(error.get("message").asText()).as(c[0]).contains(c[2]);
        }
        assertThat(jdbc.sql("select count(*) from process_round").query(Long.class).single()).isEqualTo(rounds);
        assertThat(instances(year)).isZero();
    }

    @Test
    void aReviewerWhoMayGradeNoneOfTheRoundsOrganizationsIsRefusedByNameAndNothingStarts() {
        int year = process.today().getYear() + 1;
        long before = jdbc.sql("select count(*) from process_round").query(Long.class).single();
        String withHexiStaff = REVIEWERS.replace("]", ",\"mao.jianjun\"]");
        String body = "{\"year\":" + year + ",\"half\":\"YEAR_END\",\"dueDate\":\"" + process.workingDay(15) + "\",\"reviewerIds\":"
                + withHexiStaff + ",\"scope\":{\"kind\":\"UNDER\",\"organizationId\":\"town-longquan\"}}";

        Http.Response answer = http.post("/api/duty-reports/rounds", "zhao.min", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("reviewerIds");
        assertThat(error.get("message").asText())
                .isEqualTo("评议人 毛建军（mao.jianjun）不是本轮任何组织的上级党组织工作人员，不能参加本轮评议");
        assertThat(answer.json().get("errors")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from process_round").query(Long.class).single()).isEqualTo(before);
        assertThat(instances(year)).isZero();
    }

    @Test
    void aTownsStaffReviewOnlyTheirOwnTownsOrganizationsInACityWideRound() {
        int year = process.today().getYear();
        String withHexiStaff = REVIEWERS.replace("]", ",\"mao.jianjun\"]");

        Http.Response answer = http.post("/api/duty-reports/rounds", "zhao.min",
                round(year, "MID_YEAR", process.workingDay(15).toString(), withHexiStaff));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        long id = answer.json().get("id").asLong();
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> http.get("/api/rounds/" + id, "zhao.min").json().has("finishedAt"));
        JsonNode reports = http.get("/api/duty-reports?year=" + year + "&half=MID_YEAR", "zhao.min").json();
        assertThat(reviewers(reports, "village-lijia")).contains("mao.jianjun", "zhao.min");
        assertThat(reviewers(reports, "village-longquan")).contains("zhao.min").doesNotContain("mao.jianjun");
    }

    private static List<String> reviewers(JsonNode reports, String organizationId) {
        for (JsonNode report : reports) {
            if (report.get("organizationId").asText().equals(organizationId)) {
                List<String> ids = new ArrayList<>();
                report.get("reviewerIds").forEach(r -> ids.add(r.asText()));
                return ids;
            }
        }
        throw new AssertionError("No report for " + organizationId);
    }

    @Test
    void aSampleIsDrawnWithARecordedSeedAndTheSameSeedDrawsTheSameOrganizations() {
        int year = process.today().getYear() - 1;
        String body = "{\"year\":" + year + ",\"half\":\"MID_YEAR\",\"dueDate\":\"" + process.workingDay(15) + "\",\"reviewerIds\":"
                + REVIEWERS + ",\"scope\":{\"kind\":\"SAMPLE\",\"sampleSize\":5}}";
        JsonNode round = http.post("/api/duty-reports/rounds", "zhao.min", body).json();
        long seed = round.get("scope").get("seed").asLong();
        long id = round.get("id").asLong();
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> http.get("/api/rounds/" + id, "zhao.min").json().has("finishedAt"));

        List<String> drawn = jdbc.sql("select organization_id from process_round_member where round_id = ? order by organization_id")
                .param(id).query(String.class).list();
        assertThat(drawn).hasSize(5);
        assertThat(instances(year)).isEqualTo(5);
        assertThat(rounds.organizations(new RoundScope(RoundScope.Kind.SAMPLE, null, null, 5, seed)).stream()
                .map(Organization::id).sorted().toList()).isEqualTo(drawn);
    }

    private long instances(int year) {
        return instances(year, "%");
    }

    private long instances(int year, String half) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(DutyReportProcess.PROCESS_ID)
                .processInstanceBusinessKeyLike(year + "-" + half + "-%").count();
    }

    private static String round(int year, String half, String dueDate, String reviewers) {
        return "{\"year\":" + year + ",\"half\":\"" + half + "\",\"dueDate\":\"" + dueDate + "\",\"reviewerIds\":" + reviewers + "}";
    }
}
