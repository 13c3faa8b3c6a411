package org.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.partybuilding.system.AsSystem;
import org.springframework.stereotype.Component;

/**
 * The assessment's decision tables, evaluated by the engine as the system: the tables are the server's own, so
 * whoever triggers the assessment (a user, the annual-cycle process) needs no right to them.
 * {@code bpmn/party-building-cup.dmn}: {@code party-building-cup} (weights) and {@code rectification-deduction};
 * {@code bpmn/star-rating.dmn}: {@code star-rating}.
 */
@Component
class AssessmentRules {

    static final String WEIGHT_DECISION = "party-building-cup";
    static final String DEDUCTION_DECISION = "rectification-deduction";
    static final String STARS_DECISION = "star-rating";

    /** Inputs and outputs of the tables. */
    static final class Variables {
        static final String COMPONENT = "component";
        static final String WEIGHT = "weight";
        static final String SEVERITY = "severity";
        static final String OUTCOME = "outcome";
        static final String POINTS = "points";
        static final String CUP_SCORE = "cupScore";
        static final String ACCOUNTABILITY_ITEMS = "accountabilityItems";
        static final String STARS = "stars";

        private Variables() {
        }
    }

    private final DecisionService decisionService;
    private final IdentityService identityService;

    AssessmentRules(DecisionService decisionService, IdentityService identityService) {
        this.decisionService = decisionService;
        this.identityService = identityService;
    }

    /** The rules for one assessment run: weights read now, deductions once per severity and outcome. */
    Run run() {
        Map<ScoreComponent, BigDecimal> weights = new EnumMap<>(ScoreComponent.class);
        for (ScoreComponent component : ScoreComponent.values()) {
            BigDecimal weight = BigDecimal.valueOf(number(WEIGHT_DECISION, Map.of(Variables.COMPONENT, component.name())).doubleValue());
            if (weight.signum() < 0) {
                throw new IllegalStateException(WEIGHT_DECISION + " gave a negative weight for " + component);
            }
            weights.put(component, weight);
        }
        return new Run(weights);
    }

    /** One run's rules. Not shared between threads. */
    final class Run {

        private final Map<ScoreComponent, BigDecimal> weights;
        private final Map<String, Integer> deductions = new HashMap<>();

        private Run(Map<ScoreComponent, BigDecimal> weights) {
            this.weights = Map.copyOf(weights);
        }

        Map<ScoreComponent, BigDecimal> weights() {
            return weights;
        }

        int deduction(String severity, Outcome outcome) {
            return deductions.computeIfAbsent(severity + "/" + outcome, key -> number(DEDUCTION_DECISION,
                    Map.of(Variables.SEVERITY, severity, Variables.OUTCOME, outcome.name())).intValue());
        }

        int stars(BigDecimal cupScore, int accountabilityItems) {
            return number(STARS_DECISION, Map.of(Variables.CUP_SCORE, cupScore.doubleValue(),
                    Variables.ACCOUNTABILITY_ITEMS, accountabilityItems)).intValue();
        }
    }

    private Number number(String decision, Map<String, Object> variables) {
        DmnDecisionResult result = withoutAuthorization(() -> decisionService.evaluateDecisionByKey(decision)
                .decisionDefinitionWithoutTenantId().variables(variables).evaluate());
        if (result.size() != 1 || !(result.getSingleResult().getSingleEntry() instanceof Number number)) {
            throw new IllegalStateException(decision + " gave no single number for " + variables + ": " + result);
        }
        return number;
    }

    /** Inside an engine command (a process step) as ScheduleDeadlinesDelegate does; outside, without the caller's authentication. */
    private DmnDecisionResult withoutAuthorization(Supplier<DmnDecisionResult> evaluation) {
        CommandContext command = Context.getCommandContext();
        if (command != null) {
            return command.runWithoutAuthorization((Callable<DmnDecisionResult>) evaluation::get);
        }
        return AsSystem.call(identityService, evaluation);
    }
}
