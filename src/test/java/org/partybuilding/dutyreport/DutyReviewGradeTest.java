package org.partybuilding.dutyreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

/**
 * The grade table {@code duty-review-grade} on both sides of each threshold, as the engine evaluates it, and the mean
 * it is given: five or more reviewers lose their highest and lowest score.
 */
@IntegrationTest
class DutyReviewGradeTest {

    @Autowired DecisionService decisionService;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"100, 好", "90, 好", "89.99, 较好", "80, 较好", "79.99, 一般", "60, 一般", "59.99, 差", "0, 差"})
    void gradesTheMeanScore(double meanScore, String grade) {
        String result = decisionService.evaluateDecisionTableByKey(DutyReportProcess.GRADE_DECISION_ID,
                Map.of(DutyReportProcess.Variables.MEAN_SCORE, meanScore)).getSingleEntry();
        assertThat(result).isEqualTo(grade);
    }

    @Test
    void fiveOrMoreReviewersLoseTheirHighestAndLowestScoreFewerKeepAll() {
        assertThat(DutyReportService.meanScore(List.of(90, 80, 70))).isEqualByComparingTo("80.00");
        assertThat(DutyReportService.meanScore(List.of(100, 80, 70, 10))).isEqualByComparingTo("65.00");
        assertThat(DutyReportService.meanScore(List.of(100, 80, 70, 60, 10))).isEqualByComparingTo("70.00");
        assertThat(DutyReportService.meanScore(List.of(95, 95, 90, 90, 85, 85))).isEqualByComparingTo("90.00");
        assertThat(DutyReportService.meanScore(List.of(90, 89, 89))).isEqualByComparingTo("89.33");
    }
}
