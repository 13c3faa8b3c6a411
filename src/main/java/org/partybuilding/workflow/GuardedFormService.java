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
        guard.completing(commandExecutor, taskId, () -> commandExecutor.execute(context -> {
            guard.checkSubmission(context, taskId, properties);
            GuardedFormService.super.submitTaskForm(taskId, properties);
            return null;
        }));
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties, boolean deserializeValues) {
        return guard.completing(commandExecutor, taskId, () -> commandExecutor.execute(context -> {
            guard.checkSubmission(context, taskId, properties);
            return GuardedFormService.super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
        }));
    }
}
