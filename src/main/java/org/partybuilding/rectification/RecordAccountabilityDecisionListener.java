package org.partybuilding.rectification;

import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessValues;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.organization.Groups;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_DecideAccountability}, by the organization department only: either a new deadline (the loop starts again with its
 * rejections counted afresh) or closure with accountability.
 */
@Component
class RecordAccountabilityDecisionListener implements TaskListener {

    private final RectificationService rectifications;
    private final Deadlines deadlines;

    RecordAccountabilityDecisionListener(RectificationService rectifications, Deadlines deadlines) {
        this.rectifications = rectifications;
        this.deadlines = deadlines;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication user = ProcessValues.user(task);
        if (user != null && (user.getGroupIds() == null || !user.getGroupIds().contains(Groups.ORG_DEPT))) {
            throw TaskRefusedException.forbidden("追责决定只能由市委组织部作出");
        }
        Object decision = task.getVariable(Variables.ACCOUNTABILITY_DECISION);
        String note = ProcessValues.text(task, Variables.ACCOUNTABILITY_NOTE, "处理意见", 2000, true);
        long itemId = RectificationService.itemId(task);
        if (RectificationProcess.DECISION_RESTART.equals(decision)) {
            LocalDate dueDate = newDueDate(task.getVariable(Variables.NEW_DUE_DATE));
            task.setVariable(Variables.DUE_DATE, deadlines.deadlineOf(dueDate));
            task.setVariable(Variables.DUE_DATE_TEXT, deadlines.deadlineText(dueDate));
            task.setVariable(Variables.ROUND_REJECTIONS, 0);
            rectifications.restarted(itemId, ProcessValues.actor(task), dueDate, note);
        } else if (RectificationProcess.DECISION_CLOSE.equals(decision)) {
            // checked also when closing (the form hides it then): a date given is one the department could choose
            Object hidden = task.getVariable(Variables.NEW_DUE_DATE);
            if (hidden != null && !(hidden instanceof String s && s.isBlank())) {
                newDueDate(hidden);
            }
            rectifications.closedWithAccountability(itemId, ProcessValues.actor(task), note);
        } else {
            throw new FormFieldValidationException(Variables.ACCOUNTABILITY_DECISION, "请选择追责决定：限期重新整改或追责并结案");
        }
    }

    /** The form's date field submits "YYYY-MM-DD" (possibly with a time); a Date from Java callers is accepted too. */
    private LocalDate newDueDate(Object value) {
        LocalDate date;
        try {
            if (value instanceof Date d) {
                date = deadlines.dateOf(d);
            } else if (value instanceof String s && s.length() >= 10) {
                date = LocalDate.parse(s.substring(0, 10));
            } else {
                throw new FormFieldValidationException(Variables.NEW_DUE_DATE, "限期重新整改时请填写新的整改期限");
            }
        } catch (DateTimeParseException e) {
            throw new FormFieldValidationException(Variables.NEW_DUE_DATE, "新的整改期限 “" + value + "” 不是有效日期（YYYY-MM-DD）");
        }
        if (date.isBefore(deadlines.today())) {
            throw new FormFieldValidationException(Variables.NEW_DUE_DATE, "新的整改期限不能早于今天 " + deadlines.today());
        }
        var holiday = deadlines.whyNotWorking(date);
        if (holiday.isPresent()) {
            throw new FormFieldValidationException(Variables.NEW_DUE_DATE, holiday.get() + "，新的整改期限须为工作日");
        }
        return date;
    }
}
