package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * On creation of every user task of the process: the item's title as the task's description, and for the
 * secretary's and the verifier's tasks the deadline as the task's due date (Tasklist sorts and flags by it).
 */
@Component
class RectificationTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        // the process's variables (a new task has none of its own: asking the task would read them from the database)
        DelegateExecution execution = task.getExecution();
        task.setDescription((String) execution.getVariable(Variables.TITLE));
        if (!Elements.DECIDE_ACCOUNTABILITY.equals(task.getTaskDefinitionKey())) {
            task.setDueDate(ProcessValues.date(execution, Variables.DUE_DATE));
        }
    }
}
