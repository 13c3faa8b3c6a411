package org.partybuilding.workflow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.system.Texts;

/** Typed reads of process variables, and the form checks that every process's task listeners share. */
public final class ProcessValues {

    private ProcessValues() {
    }

    public static Date date(VariableScope scope, String name) {
        return (Date) scope.getVariable(name);
    }

    /** An integer variable, or the fallback where it is not set. */
    public static int integer(VariableScope scope, String name, int fallback) {
        return scope.getVariable(name) instanceof Number number ? number.intValue() : fallback;
    }

    /** A form text: trimmed, required or not, at most {@code maxLength} characters, else the task is not completed. */
    public static String text(DelegateTask task, String field, String label, int maxLength, boolean required) {
        Object value = task.getVariable(field);
        if (value != null && !(value instanceof String)) {
            // a number or date where the form has a text field: sent by hand, never by the form
            throw new FormFieldValidationException(field, "“" + label + "”应填写文字");
        }
        String text = value == null ? "" : ((String) value).trim();
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

    /**
     * A date from a form field: the form's date field submits "YYYY-MM-DD" (possibly with a time); a Date from Java
     * callers is read as the city's calendar day. Null when left empty; a value that is no date refuses the task.
     */
    public static LocalDate date(DelegateTask task, String field, String label, ZoneId zone) {
        Object value = task.getVariable(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            if (value instanceof Date d) {
                return d.toInstant().atZone(zone).toLocalDate();
            }
            String s = value.toString();
            return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new FormFieldValidationException(field, "“" + label + "” “" + value + "” 不是有效日期（YYYY-MM-DD）");
        }
    }

    /** A whole number from a form field, within bounds, else the task is not completed. */
    public static int wholeNumber(DelegateTask task, String field, String label, int min, int max) {
        Object value = task.getVariable(field);
        Double number = null;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s && !s.isBlank()) {
            try {
                number = Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new FormFieldValidationException(field, "请填写“" + label + "”");
        }
        if (number == null || number.isNaN() || number.isInfinite() || number != Math.rint(number)) {
            throw new FormFieldValidationException(field, "“" + label + "”应为整数");
        }
        if (number < min || number > max) {
            throw new FormFieldValidationException(field, "“" + label + "”应在 " + min + " 到 " + max + " 之间，现为 " + number.longValue());
        }
        return number.intValue();
    }

    /** Who completes the task: the logged-in user, or the assignee when the server's own code completes it. */
    public static String actor(DelegateTask task) {
        Authentication authentication = user(task);
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }

    /** The logged-in user completing the task; null when the server's own code does (no one to check). */
    public static Authentication user(DelegateTask task) {
        return task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    }
}
