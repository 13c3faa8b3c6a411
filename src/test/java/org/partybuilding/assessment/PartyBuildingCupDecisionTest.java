package org.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.partybuilding.IntegrationTest;
import org.partybuilding.assessment.AssessmentRules.Variables;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The assessment's tables as the engine evaluates them: the cup's weights ({@code party-building-cup}), every cell of
 * {@code rectification-deduction}, and {@code star-rating} on both sides of each threshold with and without
 * accountability.
 */
@IntegrationTest
class PartyBuildingCupDecisionTest {

    @Autowired DecisionService decisionService;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"DUTY_REPORT, 0.35", "RECTIFICATION, 0.30", "SURVEY, 0.20", "LIST, 0.15"})
    void weighsEachComponent(ScoreComponent component, double weight) {
        assertThat(weight(component)).isEqualTo(weight);
    }

    @Test
    void weightsAddUpToOne() {
        double sum = Arrays.stream(ScoreComponent.values()).mapToDouble(this::weight).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "LOW, ON_TIME, 1", "LOW, LATE, 3", "LOW, ACCOUNTABILITY, 8", "LOW, OPEN, 5",
            "MEDIUM, ON_TIME, 2", "MEDIUM, LATE, 5", "MEDIUM, ACCOUNTABILITY, 10", "MEDIUM, OPEN, 8",
            "HIGH, ON_TIME, 4", "HIGH, LATE, 8", "HIGH, ACCOUNTABILITY, 15", "HIGH, OPEN, 12"})
    void deductsBySeverityAndOutcome(String severity, Outcome outcome, int points) {
        Object result = decisionService.evaluateDecisionTableByKey(AssessmentRules.DEDUCTION_DECISION,
                Map.of(Variables.SEVERITY, severity, Variables.OUTCOME, outcome.name())).getSingleEntry();
        assertThat(((Number) result).intValue()).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} points, {1} accountability items → {2} stars")
    @CsvSource({
            "100, 0, 5", "90, 0, 5", "89.99, 0, 4", "80, 0, 4", "79.99, 0, 3", "70, 0, 3", "69.99, 0, 2", "60, 0, 2",
            "59.99, 0, 1", "0, 0, 1",
            "100, 1, 2", "90, 1, 2", "75, 1, 2", "60, 1, 2", "59.99, 1, 1", "0, 1, 1", "95, 3, 2"})
    void ratesStarsAndCapsAccountabilityAtTwo(double cupScore, int accountabilityItems, int stars) {
        Object result = decisionService.evaluateDecisionTableByKey(AssessmentRules.STARS_DECISION,
                Map.of(Variables.CUP_SCORE, cupScore, Variables.ACCOUNTABILITY_ITEMS, accountabilityItems)).getSingleEntry();
        assertThat(((Number) result).intValue()).isEqualTo(stars);
    }

    private double weight(ScoreComponent component) {
        Object result = decisionService.evaluateDecisionTableByKey(AssessmentRules.WEIGHT_DECISION,
                Map.of(Variables.COMPONENT, component.name())).getSingleEntry();
        return ((Number) result).doubleValue();
    }
}
