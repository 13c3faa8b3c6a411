package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_MarkAccountability}: the item is marked for accountability (追责), after too many rejections or
 * the second-level escalation, and the organization department is told a decision waits for it.
 */
@Component
class MarkAccountabilityDelegate implements JavaDelegate {

    private final RectificationService rectifications;
    private final RectificationMails mails;

    MarkAccountabilityDelegate(RectificationService rectifications, RectificationMails mails) {
        this.rectifications = rectifications;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long itemId = RectificationService.itemId(execution);
        Number rejections = (Number) execution.getVariable(Variables.ROUND_REJECTIONS);
        Number limit = (Number) execution.getVariable(Variables.MAX_REJECTIONS);
        String reason = rejections != null && limit != null && rejections.intValue() >= limit.intValue()
                ? "整改情况被退回 " + rejections + " 次"
                : "逾期未整改，已二级督办";
        execution.setVariable(Variables.ACCOUNTABILITY_REASON_TEXT, reason);
        rectifications.accountability(itemId, reason);
        mails.accountability(rectifications.item(itemId), reason, "rectification-" + itemId + "-accountability-" + execution.getActivityInstanceId());
    }
}
