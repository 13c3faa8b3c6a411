package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Variables;

/** An escalation step: the escalation email of its level, the item marked overdue, the event in its history. */
abstract class EscalateDelegate implements JavaDelegate {

    private final RectificationService rectifications;
    private final RectificationMails mails;
    private final int level;

    EscalateDelegate(RectificationService rectifications, RectificationMails mails, int level) {
        this.rectifications = rectifications;
        this.mails = mails;
        this.level = level;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long itemId = ProcessValues.itemId(execution);
        RectificationItem item = rectifications.item(itemId);
        rectifications.escalated(itemId, level, mails.escalation(item, level, ProcessValues.date(execution, Variables.DUE_DATE),
                SendReminderDelegate.dedupKey(execution, "escalation-" + level)));
    }
}
