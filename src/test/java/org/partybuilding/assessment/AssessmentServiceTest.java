package org.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.partybuilding.assessment.AssessmentTestData.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The year-end assessment of a year of its own, with rows written straight into the year's tables for five
 * organizations; every other grassroots organization of the demo city has nothing that year. Expected scores are
 * worked out here by hand from the published weights (35/30/20/15) and deductions.
 */
@IntegrationTest
class AssessmentServiceTest {

    static final double DUTY = 0.35;
    static final double RECT = 0.30;
    static final double SURVEY = 0.20;
    static final double LIST = 0.15;

    /** 5 stars: both reports, one finding closed late, survey, list on time. */
    static final String LIJIA = "village-lijia";
    /** 4 stars: nothing to rectify. */
    static final String WANGZHUANG = "village-wangzhuang";
    /** 2 stars although 78.44: an item went to accountability; no survey. */
    static final String LONGQUAN = "village-longquan";
    /** 3 stars: items closed just before and just after midnight of the due date, in the city's time. */
    static final String HEKOU = "village-hekou";
    /** 1 star: no duty report, accountability, open items, list unsigned. */
    static final String FINANCE = "agency-finance";

    @Autowired AssessmentService assessments;
    @Autowired DirectoryService directory;
    @Autowired JdbcClient jdbc;

    int year;
    AssessmentTestData data;
    List<String> grassroots;
    List<String> others;

    @BeforeEach
    void year() {
        year = AssessmentTestData.unusedYear();
        data = new AssessmentTestData(jdbc);
        grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).map(Organization::id).toList();
        others = grassroots.stream().filter(id -> !List.of(LIJIA, WANGZHUANG, LONGQUAN, HEKOU, FINANCE).contains(id)).toList();
    }

    /** The cup score from the four components (null = missing), its missing weight spread over the others. */
    static double cup(Double duty, double rectification, Double survey, double list) {
        double weighted = rectification * RECT + list * LIST;
        double weights = RECT + LIST;
        if (duty != null) {
            weighted += duty * DUTY;
            weights += DUTY;
        }
        if (survey != null) {
            weighted += survey * SURVEY;
            weights += SURVEY;
        }
        return Math.round(weighted / weights * 100) / 100.0;
    }

    void writeTheYear() {
        LocalDate march31 = LocalDate.of(year, 3, 31);
        // 李家村: reports 92 and 96; LOW closed on time (−1), an inspection finding MEDIUM closed late (−5)
        data.dutyReport(year, "MID_YEAR", LIJIA, "GRADED", 92.0, "好");
        data.dutyReport(year, "YEAR_END", LIJIA, "GRADED", 96.0, "好");
        data.item(LIJIA, "DUTY_REVIEW", "LOW", march31, "CLOSED", at(year, 2, 1, 9, 0), at(year, 3, 20, 10, 0));
        long finding = data.item(LIJIA, "INSPECTION", "MEDIUM", march31, "CLOSED", at(year, 2, 1, 9, 0), at(year, 4, 2, 10, 0));
        data.inspectionFinding(year, 1, LIJIA, "MEDIUM", finding);
        data.survey(year, LIJIA, 95.5);
        data.signature(year, LIJIA, false);

        // 王庄村: reports 80 and 80, nothing to rectify
        data.dutyReport(year, "MID_YEAR", WANGZHUANG, "GRADED", 80.0, "较好");
        data.dutyReport(year, "YEAR_END", WANGZHUANG, "GRADED", 80.0, "较好");
        data.survey(year, WANGZHUANG, 80.0);
        data.signature(year, WANGZHUANG, false);

        // 龙泉村: one graded report (the year-end one still being graded), HIGH in accountability (−15), LOW open (−5)
        data.dutyReport(year, "MID_YEAR", LONGQUAN, "GRADED", 85.0, "较好");
        data.dutyReport(year, "YEAR_END", LONGQUAN, "GRADING", null, null);
        data.item(LONGQUAN, "INSPECTION", "HIGH", march31, "ACCOUNTABILITY", at(year, 2, 1, 9, 0), null);
        data.item(LONGQUAN, "OTHER", "LOW", LocalDate.of(year + 1, 1, 15), "OPEN", at(year, 12, 1, 9, 0), null);
        data.signature(year, LONGQUAN, true);

        // 河口村: LOW closed 23:30 on its due date (−1), LOW closed 00:30 the day after (−3)
        data.dutyReport(year, "MID_YEAR", HEKOU, "GRADED", 70.0, "一般");
        data.item(HEKOU, "DUTY_REVIEW", "LOW", march31, "CLOSED", at(year, 2, 1, 9, 0), at(year, 3, 31, 23, 30));
        data.item(HEKOU, "DUTY_REVIEW", "LOW", march31, "CLOSED", at(year, 2, 1, 9, 0), at(year, 4, 1, 0, 30));
        data.survey(year, HEKOU, 75.0);
        data.signature(year, HEKOU, true);

        // 财政局机关: HIGH marked for accountability, then closed on time after the decision (−15); MEDIUM open (−8);
        // LOW open created 00:30 on 1 January (−5); a cancelled item, one of 23:30 on 31 December before, one of the
        // next year: none counts
        long decided = data.item(FINANCE, "SURVEY", "HIGH", LocalDate.of(year, 6, 30), "CLOSED", at(year, 3, 1, 9, 0), at(year, 6, 1, 9, 0));
        data.event(decided, "ACCOUNTABILITY", at(year, 4, 20, 9, 0));
        data.item(FINANCE, "INSPECTION", "MEDIUM", LocalDate.of(year, 9, 30), "OVERDUE", at(year, 7, 1, 9, 0), null);
        data.item(FINANCE, "OTHER", "LOW", LocalDate.of(year, 3, 31), "OPEN", at(year, 1, 1, 0, 30), null);
        data.item(FINANCE, "OTHER", "HIGH", LocalDate.of(year, 3, 31), "CANCELLED", at(year, 2, 1, 9, 0), null);
        data.item(FINANCE, "OTHER", "HIGH", LocalDate.of(year, 3, 31), "OPEN", at(year - 1, 12, 31, 23, 30), null);
        data.item(FINANCE, "OTHER", "HIGH", LocalDate.of(year + 1, 3, 31), "OPEN", at(year + 1, 1, 1, 0, 0), null);
        data.survey(year, FINANCE, 70.0);
    }

    @Test
    void scoresRatesAndRanksEveryGrassrootsOrganization() {
        writeTheYear();

        AssessmentSummary summary = assessments.assess(year);

        double lijia = cup((92.0 + 96.0) / 2, 100 - 1 - 5, 95.5, 100);
        double wangzhuang = cup(80.0, 100, 80.0, 100);
        double longquan = cup(85.0, 100 - 15 - 5, null, 60);
        double hekou = cup(70.0, 100 - 1 - 3, 75.0, 60);
        double finance = cup(null, 100 - 15 - 8 - 5, 70.0, 0);
        double nothing = cup(null, 100, null, 0);
        assertThat(List.of(lijia, wangzhuang, longquan, hekou, nothing, finance))
                .containsExactly(95.2, 89.0, 78.44, 77.3, 66.67, 54.77);

        Map<String, Row> rows = rows();
        assertThat(rows).hasSize(grassroots.size());
        assertRow(rows.get(LIJIA), lijia, 5, 1);
        assertRow(rows.get(WANGZHUANG), wangzhuang, 4, 2);
        assertRow(rows.get(LONGQUAN), longquan, 2, 3);
        assertRow(rows.get(HEKOU), hekou, 3, 4);
        others.forEach(id -> assertRow(rows.get(id), nothing, 2, 5));
        assertRow(rows.get(FINANCE), finance, 1, grassroots.size());

        assertThat(rows.get(LONGQUAN).surveyScore()).isNull();
        assertThat(rows.get(LONGQUAN).dutyReportWeight()).isCloseTo(DUTY / (DUTY + RECT + LIST), within(1e-6));
        assertThat(rows.get(LONGQUAN).surveyWeight()).isZero();
        assertThat(rows.get(FINANCE).dutyReportScore()).isNull();
        assertThat(rows.get(FINANCE).listScore()).isZero();
        assertThat(rows.get(FINANCE).accountabilityItems()).isEqualTo(1);

        assertThat(summary.organizations()).isEqualTo(grassroots.size());
        assertThat(summary.shareThreeStarsOrMore()).isCloseTo(3.0 / grassroots.size(), within(1e-6));
        assertThat(summary.target()).isEqualTo(0.8);
        assertThat(summary.targetMet()).isFalse();
        assertThat(summary.commendation()).containsExactly(LIJIA);
        assertThat(summary.accountability()).containsExactly(LONGQUAN, FINANCE);
        List<String> twoStars = new ArrayList<>(List.of(LONGQUAN));
        twoStars.addAll(others);
        assertThat(summary.oneStepShort()).containsExactlyElementsOf(twoStars);
        assertThat(summary.top()).containsExactly(LIJIA, WANGZHUANG, LONGQUAN);
        List<String> othersLastFirst = new ArrayList<>(others);
        Collections.reverse(othersLastFirst);
        assertThat(summary.bottom()).containsExactly(FINANCE, othersLastFirst.get(0), othersLastFirst.get(1));
        assertThat(assessments.summary(year)).contains(summary);
    }

    @Test
    void theBreakdownNamesEveryItemItsOutcomeAndDeduction() throws Exception {
        writeTheYear();
        assessments.assess(year);

        JsonNode lijia = breakdown(LIJIA);
        assertThat(values(lijia.at("/rectification/items"), "outcome")).containsExactly("ON_TIME", "LATE");
        assertThat(values(lijia.at("/rectification/items"), "outcomeLabel")).containsExactly("按期整改到位", "逾期整改到位");
        assertThat(values(lijia.at("/rectification/items"), "points")).containsExactly("1", "5");
        assertThat(values(lijia.at("/rectification/items"), "source")).containsExactly("DUTY_REVIEW", "INSPECTION");
        assertThat(values(lijia.at("/rectification/inspectionFindings"), "count")).containsExactly("0", "1", "0");
        assertThat(values(lijia.at("/rectification/inspectionFindings"), "severityLabel")).containsExactly("一般", "较重", "严重");
        assertThat(values(lijia.get("dutyReports"), "halfLabel")).containsExactly("年中", "年末");
        assertThat(values(lijia.get("components"), "label")).containsExactly("述职评议", "问题整改", "满意度测评", "责任清单签订");
        assertThat(lijia.get("surveyScore").asDouble()).isEqualTo(95.5);
        assertThat(lijia.at("/signature/label").asText()).isEqualTo("按期签订");
        assertThat(lijia.get("weightNote").isNull()).isTrue();

        assertThat(values(breakdown(HEKOU).at("/rectification/items"), "outcome")).as("closed 23:30 and 00:30 in the city's time")
                .containsExactly("ON_TIME", "LATE");

        JsonNode finance = breakdown(FINANCE);
        assertThat(values(finance.at("/rectification/items"), "outcome")).containsExactly("ACCOUNTABILITY", "OPEN", "OPEN");
        assertThat(values(finance.at("/rectification/items"), "points")).containsExactly("15", "8", "5");
        assertThat(finance.at("/rectification/deductions").asInt()).isEqualTo(28);
        assertThat(finance.at("/rectification/accountabilityItems").asInt()).isEqualTo(1);
        assertThat(finance.get("weightNote").asText()).isEqualTo("本年度无述职评议得分，其权重按比例分配给其余各项");
        assertThat(finance.at("/components/0/missing").asBoolean()).isTrue();
        assertThat(finance.at("/components/0/weightUsed").asDouble()).isZero();
        assertThat(finance.at("/signature/label").asText()).isEqualTo("未签订");

        JsonNode longquan = breakdown(LONGQUAN);
        assertThat(longquan.get("weightNote").asText()).isEqualTo("本年度无满意度测评得分，其权重按比例分配给其余各项");
        assertThat(longquan.at("/signature/label").asText()).isEqualTo("逾期签订");
        assertThat(values(longquan.get("dutyReports"), "half")).containsExactly("MID_YEAR");
    }

    @Test
    void aSecondRunReplacesTheFirst() {
        writeTheYear();
        AssessmentSummary first = assessments.assess(year);

        assertThat(assessments.assess(year)).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from assessment_result where year = ?").param(year).query(Integer.class).single())
                .isEqualTo(grassroots.size());
        assertThat(jdbc.sql("select count(*) from assessment_run where year = ?").param(year).query(Integer.class).single()).isEqualTo(1);

        data.signature(year, FINANCE, false);
        AssessmentSummary third = assessments.assess(year);

        Row finance = rows().get(FINANCE);
        assertThat(finance.cupScore()).isEqualTo(cup(null, 100 - 15 - 8 - 5, 70.0, 100));
        assertThat(finance.stars()).as("accountability caps at two stars").isEqualTo(2);
        assertThat(third.accountability()).containsExactly(LONGQUAN, FINANCE);
        assertThat(third.oneStepShort()).contains(FINANCE);
        assertThat(third.bottom()).doesNotContain(FINANCE);
    }

    @Test
    void aYearNotAssessedHasNoSummary() {
        assertThat(assessments.summary(year)).isEmpty();
    }

    record Row(String organizationId, Double dutyReportScore, Double surveyScore, double listScore, double dutyReportWeight,
            double surveyWeight, double cupScore, int stars, int rank, int accountabilityItems) {
    }

    Map<String, Row> rows() {
        return jdbc.sql("""
                select organization_id, duty_report_score, survey_score, list_score, duty_report_weight, survey_weight, cup_score,
                       stars, rank, accountability_items from assessment_result where year = ?""")
                .param(year).query((rs, n) -> new Row(rs.getString(1), number(rs.getBigDecimal(2)), number(rs.getBigDecimal(3)),
                        rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)))
                .list().stream().collect(Collectors.toMap(Row::organizationId, r -> r));
    }

    JsonNode breakdown(String organizationId) throws Exception {
        return new ObjectMapper().readTree(jdbc.sql("select breakdown::text from assessment_result where year = ? and organization_id = ?")
                .params(year, organizationId).query(String.class).single());
    }

    static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        return values;
    }

    static void assertRow(Row row, double cupScore, int stars, int rank) {
        assertThat(row.cupScore()).as(row.organizationId()).isEqualTo(cupScore);
        assertThat(row.stars()).as(row.organizationId()).isEqualTo(stars);
        assertThat(row.rank()).as(row.organizationId()).isEqualTo(rank);
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
