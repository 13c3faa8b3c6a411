package org.partybuilding.rectification;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Policy;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** {@code Task_ScheduleDeadlines}: turns the policy decision's day offsets and the due date into the three timer dates. */
@Component
class ScheduleDeadlinesDelegate implements JavaDelegate {

    private final Deadlines deadlines;

    ScheduleDeadlinesDelegate(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) execution.getVariable(Variables.POLICY);
        Date deadline = ProcessValues.date(execution, Variables.DUE_DATE);
        Date escalation = deadlines.plusDays(deadline, ProcessValues.integer(policy, Policy.ESCALATION_DAYS_AFTER));
        execution.setVariable(Variables.REMINDER_AT, deadlines.plusDays(deadline, -ProcessValues.integer(policy, Policy.REMINDER_DAYS_BEFORE)));
        execution.setVariable(Variables.ESCALATION_AT, escalation);
        execution.setVariable(Variables.SECOND_ESCALATION_AT,
                deadlines.plusDays(escalation, ProcessValues.integer(policy, Policy.SECOND_ESCALATION_DAYS_AFTER)));
        execution.setVariable(Variables.MAX_REJECTIONS, ProcessValues.integer(policy, Policy.MAX_REJECTIONS));
        execution.removeVariable(Variables.POLICY);
    }
}
