package org.partybuilding.inspection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.inspection.InspectionProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * The user tasks of {@code quarterly-inspection} ({@code delegateExpression="${inspectionTaskListener}"}): the plan,
 * an inspection's findings, the bulletin and a re-inspection recorded on completion, each refused with the form
 * field's Chinese message when its values do not hold (a delegate, not an expression, so that the refusal reaches
 * Tasklist and REST as it is).
 */
@Component
class InspectionTaskListener implements TaskListener {

    private final InspectionSteps steps;

    InspectionTaskListener(InspectionSteps steps) {
        this.steps = steps;
    }

    @Override
    public void notify(DelegateTask task) {
        String step = task.getTaskDefinitionKey();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            if (Elements.BULLETIN.equals(step)) {
                steps.bulletinDue(task);
            }
            return;
        }
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        switch (step) {
            case Elements.PLAN -> steps.recordPlan(task);
            case Elements.INSPECT -> steps.recordInspection(task);
            case Elements.BULLETIN -> steps.recordBulletin(task);
            case Elements.REVISIT -> steps.recordRevisit(task);
            default -> throw new IllegalStateException("No listener for task " + step);
        }
    }
}
