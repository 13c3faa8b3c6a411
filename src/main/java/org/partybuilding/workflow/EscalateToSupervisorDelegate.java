package org.partybuilding.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The kit's 一级督办 step: first-level escalation to the organization supervising the step's holder, at the deadline. Placed after the step's boundary timer, with the input parameter {@code step}.
 */
@Component
class EscalateToSupervisorDelegate implements JavaDelegate {

    private final DeadlineNotices notices;

    EscalateToSupervisorDelegate(DeadlineNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.escalate(execution, 1);
    }
}
