package org.partybuilding.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.inspection.InspectionProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * The service steps of {@code quarterly-inspection} ({@code delegateExpression="${inspectionStepDelegate}"}):
 * assigning the inspectors (a plan that cannot be carried out throws the model's {@code PLAN_IMPOSSIBLE} error),
 * reopening a relapsed finding's item, and the round done at the end event.
 */
@Component
class InspectionStepDelegate implements JavaDelegate, ExecutionListener {

    private final InspectionSteps steps;

    InspectionStepDelegate(InspectionSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        switch (execution.getCurrentActivityId()) {
            case Elements.ASSIGN_INSPECTORS -> steps.assignInspectors(execution);
            case Elements.REOPEN -> steps.reopen(execution);
            default -> throw new IllegalStateException("No step " + execution.getCurrentActivityId());
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (Elements.DONE.equals(execution.getCurrentActivityId())) {
            steps.done(execution);
        }
    }
}
