package org.partybuilding.rectification;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.rectification.RectificationProcess.Variables;

/** Typed reads of the rectification process's variables, and the form checks its task listeners share. */
final class ProcessValues {

    private ProcessValues() {
    }

    static long itemId(VariableScope scope) {
        return ((Number) scope.getVariable(Variables.ITEM_ID)).longValue();
    }

    static Date date(VariableScope scope, String name) {
        return (Date) scope.getVariable(name);
    }

    static int integer(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("Decision " + RectificationProcess.POLICY_DECISION_ID + " gave no " + key);
        }
        return number.intValue();
    }

    /** A form text: required, at most {@code maxLength} characters, else the task is not completed. */
    static String text(DelegateTask task, String field, String label, int maxLength, boolean required) {
        Object value = task.getVariable(field);
        String text = value == null ? "" : value.toString().trim();
        if (required && text.isEmpty()) {
            throw new FormFieldValidationException(field, "请填写“" + label + "”");
        }
        if (text.length() > maxLength) {
            throw new FormFieldValidationException(field, "“" + label + "”最长 " + maxLength + " 个字，现有 " + text.length() + " 个字");
        }
        return text;
    }

    /** Who completes the task: the logged-in user, or the assignee when the engine is called directly. */
    static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }
}
