package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** {@code Task_CloseItem}: the item is closed (销号), rectified or after an accountability decision. */
@Component
class CloseRectificationDelegate implements JavaDelegate {

    private final RectificationService rectifications;

    CloseRectificationDelegate(RectificationService rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean rectified = !RectificationProcess.DECISION_CLOSE.equals(execution.getVariable(Variables.ACCOUNTABILITY_DECISION));
        rectifications.closed(RectificationService.itemId(execution), rectified);
    }
}
