package org.partybuilding.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The kit's 发送到期提醒 step: the reminder to the step's holders before its deadline. Placed after the step's boundary timer, with the input parameter {@code step}.
 */
@Component
class SendReminderDelegate implements JavaDelegate {

    private final DeadlineNotices notices;

    SendReminderDelegate(DeadlineNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.remind(execution);
    }
}
