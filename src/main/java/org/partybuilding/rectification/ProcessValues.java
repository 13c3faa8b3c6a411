package org.partybuilding.rectification;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.partybuilding.system.Texts;

/** Typed reads of the rectification process's variables, and the form checks its task listeners share. */
final class ProcessValues {

    private ProcessValues() {
    }

    /** The ledger item of the instance: its business key, which no task user can change. */
    static long itemId(DelegateExecution execution) {
        return Long.parseLong(execution.getProcessBusinessKey());
    }

    static long itemId(DelegateTask task) {
        return itemId(task.getExecution());
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
        if (Texts.hasControlCharacters(text, true)) {
            throw new FormFieldValidationException(field, "“" + label + "”含有不可见的控制字符，请删除后再提交");
        }
        if (text.length() > maxLength) {
            throw new FormFieldValidationException(field, "“" + label + "”最长 " + maxLength + " 个字，现有 " + text.length() + " 个字");
        }
        return text;
    }

    /** Who completes the task: the logged-in user, or the assignee when the server's own code completes it. */
    static String actor(DelegateTask task) {
        Authentication authentication = user(task);
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }

    /** The logged-in user completing the task; null when the server's own code does (no one to check). */
    static Authentication user(DelegateTask task) {
        return task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    }
}
