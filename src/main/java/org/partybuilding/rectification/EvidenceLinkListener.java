package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * On creation of {@code Task_SubmitRectification} and {@code Task_VerifyRectification}: the ledger item's id (the
 * instance's business key) as a task variable, so that their forms link to the item's evidence page
 * ({@code /evidence.html?item=...}). Only a link: the page and its API check who may see or change the files.
 */
@Component
class EvidenceLinkListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        task.setVariableLocal(Variables.ITEM_ID, RectificationService.itemId(task));
    }
}
