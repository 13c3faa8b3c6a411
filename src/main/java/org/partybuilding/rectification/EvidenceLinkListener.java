package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * On creation of {@code Task_SubmitRectification} and {@code Task_VerifyRectification}: the forms link to the item's
 * evidence page ({@code /evidence.html?item=...}) with the variable {@code itemId}. Only a link: the page and its API
 * check who may see or change the files, and the server takes the item from the business key, never from it.
 * {@link RectificationService} starts every instance with it; an instance started before it did gets it here, as a
 * task variable. (Setting a variable on a new task costs a query for the task's variables, which nothing else needs:
 * a round's worth of items and every submission paid for it.)
 */
@Component
class EvidenceLinkListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (task.getExecution().getVariable(Variables.ITEM_ID) == null) {
            task.setVariableLocal(Variables.ITEM_ID, RectificationService.itemId(task));
        }
    }
}
