package org.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/report-cards} over real HTTP: each caller sees the cards of the organizations the directory lets them
 * see, the summary is for the organization department and inspectors, and what may not be seen does not exist.
 */
@IntegrationTest
class ReportCardApiTest {

    static final String ORG_DEPT = "zhao.min";
    static final String INSPECTOR = "bai.xuefeng";
    static final String TOWN_STAFF = "mao.jianjun";
    static final String TOWN = "town-hexi";
    static final String SECRETARY = "li.changfu";
    static final String OWN = "village-lijia";
    static final String ELSEWHERE = "village-longquan";

    @Autowired AssessmentService assessments;
    @Autowired DirectoryService directory;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    Http http;
    int year;
    List<String> grassroots;

    @BeforeEach
    void assessAYear() {
        http = new Http(port);
        year = AssessmentTestData.unusedYear();
        new AssessmentTestData(jdbc).dutyReport(year, "MID_YEAR", OWN, "GRADED", 88.0, "较好");
        assessments.assess(year);
        grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).map(Organization::id).toList();
    }

    @Test
    void theOrganizationDepartmentSeesEveryCardInRankOrder() {
        Http.Response response = http.get("/api/report-cards/" + year, ORG_DEPT);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json())).containsExactlyInAnyOrderElementsOf(grassroots);
        JsonNode first = response.json().get(0);
        assertThat(first.get("organizationId").asText()).isEqualTo(OWN);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        Organization lijia = directory.organization(OWN).orElseThrow();
        assertThat(first.get("organizationName").asText()).isEqualTo(lijia.name());
        assertThat(first.get("secretaryName").asText()).isEqualTo(lijia.secretaryName());
        assertThat(first.get("dutyReportScore").asDouble()).isEqualTo(88.0);
        assertThat(first.get("surveyScore").isNull()).isTrue();
    }

    @Test
    void townStaffSeeTheirTownsOrganizationsOnly() {
        List<String> seen = ids(http.get("/api/report-cards/" + year, TOWN_STAFF).json());

        List<String> underTown = directory.overseenOrganizationIds(TOWN).stream().filter(grassroots::contains).toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(underTown).contains(OWN).doesNotContain(ELSEWHERE);
        assertThat(http.get("/api/report-cards/" + year + "/" + OWN, TOWN_STAFF).status()).isEqualTo(200);
        assertThat(http.get("/api/report-cards/" + year + "/" + ELSEWHERE, TOWN_STAFF).status()).isEqualTo(404);
    }

    @Test
    void aSecretarySeesTheirOwnCardWithItsBreakdownInChinese() {
        assertThat(ids(http.get("/api/report-cards/" + year, SECRETARY).json())).containsExactly(OWN);

        Http.Response card = http.get("/api/report-cards/" + year + "/" + OWN, SECRETARY);
        assertThat(card.status()).isEqualTo(200);
        JsonNode json = card.json();
        assertThat(json.at("/card/organizationId").asText()).isEqualTo(OWN);
        assertThat(json.get("starsLabel").asText()).endsWith("星");
        assertThat(json.at("/breakdown/weightNote").asText()).isEqualTo("本年度无满意度测评得分，其权重按比例分配给其余各项");
        assertThat(json.at("/breakdown/components/0/label").asText()).isEqualTo("述职评议");
        assertThat(json.at("/breakdown/signature/label").asText()).isEqualTo("未签订");
        assertThat(json.get("organizations").asInt()).isEqualTo(grassroots.size());

        Http.Response other = http.get("/api/report-cards/" + year + "/" + ELSEWHERE, SECRETARY);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("message").asText()).isEqualTo("未找到该组织" + year + "年度的成绩单");
    }

    @Test
    void theSummaryIsForTheOrganizationDepartmentAndInspectors() {
        for (String user : List.of(ORG_DEPT, INSPECTOR)) {
            Http.Response summary = http.get("/api/report-cards/" + year + "/summary", user);
            assertThat(summary.status()).as(user).isEqualTo(200);
            assertThat(summary.json().get("organizations").asInt()).isEqualTo(grassroots.size());
            assertThat(summary.json().get("top").get(0).asText()).isEqualTo(OWN);
            assertThat(summary.json().get("target").asDouble()).isEqualTo(0.8);
        }
        for (String user : List.of(TOWN_STAFF, SECRETARY)) {
            Http.Response refused = http.get("/api/report-cards/" + year + "/summary", user);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部和督查人员可以查看年度考核汇总");
        }
    }

    @Test
    void aYearNotAssessedHasNoCards() {
        int other = year + 1000;
        for (String path : Set.of("/api/report-cards/" + other, "/api/report-cards/" + other + "/summary")) {
            Http.Response response = http.get(path, ORG_DEPT);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("message").asText()).isEqualTo(other + "年度尚未进行年度考核");
        }
        assertThat(http.get("/api/report-cards/" + other + "/" + OWN, ORG_DEPT).status()).isEqualTo(404);
        assertThat(http.get("/api/report-cards/" + year + "/no-such-organization", ORG_DEPT).status()).isEqualTo(404);
    }

    static List<String> ids(JsonNode cards) {
        List<String> ids = new ArrayList<>();
        cards.forEach(card -> ids.add(card.get("organizationId").asText()));
        return ids;
    }
}
