package org.partybuilding.workflow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creation of a user task ({@code camunda:taskListener delegateExpression="${taskDescriptionListener}"}): the
 * process's {@code title} as the task's description, which Tasklist shows on every card.
 */
@Component
public class TaskDescriptionListener implements TaskListener {

    /** The process variable every organization process sets at its start: what the instance is about. */
    public static final String TITLE = "title";

    @Override
    public void notify(DelegateTask task) {
        // the process's variable (a new task has none of its own: asking the task would read them from the database)
        task.setDescription((String) task.getExecution().getVariable(TITLE));
    }
}
