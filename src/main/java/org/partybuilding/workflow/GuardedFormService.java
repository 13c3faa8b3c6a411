package org.partybuilding.workflow;

import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** Camunda's form service with {@link TaskGuard}: a submitted task form carries the form's fields and nothing else. */
class GuardedFormService extends FormServiceImpl {

    private final TaskGuard guard;

    GuardedFormService(TaskGuard guard) {
        this.guard = guard;
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        guard.checkSubmission(commandExecutor, taskId, properties);
        super.submitTaskForm(taskId, properties);
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties, boolean deserializeValues) {
        guard.checkSubmission(commandExecutor, taskId, properties);
        return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
    }
}
