package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** {@code Task_EscalateToOrgDept}: second-level escalation to the organization department, after a further delay. */
@Component
class EscalateToOrgDeptDelegate implements JavaDelegate {

    private final RectificationService rectifications;
    private final RectificationMails mails;

    EscalateToOrgDeptDelegate(RectificationService rectifications, RectificationMails mails) {
        this.rectifications = rectifications;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long itemId = ProcessValues.itemId(execution);
        RectificationItem item = rectifications.item(itemId);
        rectifications.escalated(itemId, 2, mails.escalation(item, 2, ProcessValues.date(execution, Variables.DUE_DATE),
                SendReminderDelegate.dedupKey(execution, "escalation-2")));
    }
}
