package org.partybuilding.rectification;

import org.partybuilding.workflow.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_VerifyRectification}, by a member of the item's verifier groups who is not the
 * organization's secretary: accept, or reject with a mandatory reason. Sets
 * {@code accepted} and counts {@code roundRejections} for {@code Gateway_RejectionLimitReached}.
 */
@Component
class RecordVerificationListener implements TaskListener {

    private final RectificationService rectifications;
    private final RectificationVerifiers verifiers;

    RecordVerificationListener(RectificationService rectifications, RectificationVerifiers verifiers) {
        this.rectifications = rectifications;
        this.verifiers = verifiers;
    }

    @Override
    public void notify(DelegateTask task) {
        long itemId = RectificationService.itemId(task);
        verifiers.checkVerifier(rectifications.item(itemId), ProcessValues.user(task));
        Object verification = task.getVariable(Variables.VERIFICATION);
        // checked also when accepting (the form hides it then): what is stored holds no control characters
        String reason = ProcessValues.text(task, Variables.REJECTION_REASON, "退回原因", 2000, false);
        String actor = ProcessValues.actor(task);
        if (RectificationProcess.VERIFICATION_ACCEPT.equals(verification)) {
            task.setVariable(Variables.ACCEPTED, true);
            rectifications.accepted(itemId, actor);
        } else if (RectificationProcess.VERIFICATION_REJECT.equals(verification)) {
            if (reason.isEmpty()) {
                throw new FormFieldValidationException(Variables.REJECTION_REASON, "请填写“退回原因”");
            }
            task.setVariable(Variables.ACCEPTED, false);
            Number rejections = (Number) task.getVariable(Variables.ROUND_REJECTIONS);
            task.setVariable(Variables.ROUND_REJECTIONS, (rejections == null ? 0 : rejections.intValue()) + 1);
            rectifications.rejected(itemId, actor, reason);
        } else {
            throw new FormFieldValidationException(Variables.VERIFICATION, "请选择核验结论：通过或退回");
        }
    }
}
