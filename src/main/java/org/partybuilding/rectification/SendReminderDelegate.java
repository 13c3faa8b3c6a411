package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendReminder}: the reminder email to the secretary before the due date. */
@Component
class SendReminderDelegate implements JavaDelegate {

    private final RectificationService rectifications;
    private final RectificationMails mails;

    SendReminderDelegate(RectificationService rectifications, RectificationMails mails) {
        this.rectifications = rectifications;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long itemId = ProcessValues.itemId(execution);
        RectificationItem item = rectifications.item(itemId);
        rectifications.reminded(itemId, mails.reminder(item, dedupKey(execution, "reminder")));
    }

    /** One mail per execution of the step: a retried job rolls back its outbox row with it. */
    static String dedupKey(DelegateExecution execution, String kind) {
        return "rectification-" + ProcessValues.itemId(execution) + "-" + kind + "-" + execution.getActivityInstanceId();
    }
}
