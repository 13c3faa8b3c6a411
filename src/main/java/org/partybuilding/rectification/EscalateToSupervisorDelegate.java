package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** {@code Task_EscalateToSupervisor}: first-level escalation to the supervising organization's staff at the deadline. */
@Component
class EscalateToSupervisorDelegate implements JavaDelegate {

    private final RectificationService rectifications;
    private final RectificationMails mails;

    EscalateToSupervisorDelegate(RectificationService rectifications, RectificationMails mails) {
        this.rectifications = rectifications;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long itemId = ProcessValues.itemId(execution);
        RectificationItem item = rectifications.item(itemId);
        rectifications.escalated(itemId, 1, mails.escalation(item, 1, ProcessValues.date(execution, Variables.DUE_DATE),
                SendReminderDelegate.dedupKey(execution, "escalation-1")));
    }
}
