package org.partybuilding.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The kit's 二级督办 step: second-level escalation to the organization department, some working days after the deadline. Placed after the step's boundary timer, with the input parameter {@code step}.
 */
@Component
class EscalateToOrgDeptDelegate implements JavaDelegate {

    private final DeadlineNotices notices;

    EscalateToOrgDeptDelegate(DeadlineNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.escalate(execution, 2);
    }
}
