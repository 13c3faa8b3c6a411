package org.partybuilding.annual;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What {@code bpmn/annual-cycle.bpmn} asks of the server in its expressions ({@code ${annualCycleSteps...}}): the
 * stages' dates from the year's schedule (in the table, not in variables a user could write), the talks and what the
 * confirmation form shows.
 */
@Component("annualCycleSteps")
public class AnnualCycleSteps {

    private final AnnualCycleService cycles;

    AnnualCycleSteps(AnnualCycleService cycles) {
        this.cycles = cycles;
    }

    public Date nextInspectionAt(DelegateExecution execution) {
        return cycles.nextInspectionAt(execution);
    }

    public Date at(DelegateExecution execution, String key) {
        return cycles.at(execution, key);
    }

    public List<String> talks(DelegateExecution execution) {
        return cycles.talks(execution);
    }

    public String resultText(DelegateExecution execution) {
        return cycles.resultText(execution);
    }
}
