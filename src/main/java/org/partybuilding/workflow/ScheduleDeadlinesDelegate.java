package org.partybuilding.workflow;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.partybuilding.workflow.StepDeadlines.Policy;
import org.springframework.stereotype.Component;

/**
 * The kit's "计算期限" step, placed before every user task that has a deadline. Input parameters: {@code step} (the
 * step's name, prefix of the variables it writes), {@code policy} (the key of the process's policy table) and
 * optionally {@code deadline} (a date the process already has, e.g. the item's due date).
 *
 * <p>The policy table is evaluated with the process variables and {@code step}. The step's deadline is the given one
 * or, without it, {@code workingDays} working days from today; returned work (the step entered again with the same
 * deadline) gets at least {@code minimumWorkingDays}. The reminder is {@code reminderWorkingDaysBefore} working days
 * before it, the first escalation at it, the second {@code secondEscalationWorkingDaysAfter} working days after it.
 * Every other output of the table becomes a process variable of its name (e.g. {@code maxRejections}).
 */
@Component
class ScheduleDeadlinesDelegate implements JavaDelegate {

    private final Deadlines deadlines;
    private final DeadlineSubjects subjects;

    ScheduleDeadlinesDelegate(Deadlines deadlines, DeadlineSubjects subjects) {
        this.deadlines = deadlines;
        this.subjects = subjects;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = required(execution, StepDeadlines.STEP).toString();
        Map<String, Object> policy = evaluate(execution, required(execution, StepDeadlines.POLICY).toString(), step);

        Date previous = ProcessValues.date(execution, StepDeadlines.deadline(step));
        Date given = execution.hasVariableLocal(StepDeadlines.DEADLINE) ? (Date) execution.getVariableLocal(StepDeadlines.DEADLINE) : null;
        Date deadline;
        Date extendedFrom = null;
        if (given != null) {
            deadline = given;
            Integer minimum = number(policy, Policy.MINIMUM_WORKING_DAYS, false);
            if (minimum != null && previous != null && isSameDeadline(execution, step, given)) {
                deadline = deadlines.atLeastWorkingDaysFromToday(previous, minimum);
                extendedFrom = deadline.equals(previous) ? null : previous;
            }
        } else {
            deadline = deadlines.workingDaysFromToday(number(policy, Policy.WORKING_DAYS, true));
        }
        execution.setVariable(StepDeadlines.deadline(step), deadline);
        if (given != null) {
            execution.setVariable(givenKey(step), given);
        }
        execution.setVariable(StepDeadlines.reminderAt(step),
                deadlines.reminderBefore(deadline, number(policy, Policy.REMINDER_WORKING_DAYS_BEFORE, true)));
        execution.setVariable(StepDeadlines.escalationAt(step), deadline);
        execution.setVariable(StepDeadlines.secondEscalationAt(step),
                deadlines.workingDaysAfter(deadline, number(policy, Policy.SECOND_ESCALATION_WORKING_DAYS_AFTER, true)));
        execution.setVariable(StepDeadlines.deadlineText(step), deadlines.deadlineText(deadline));
        for (Map.Entry<String, Object> output : policy.entrySet()) {
            if (!KIT_OUTPUTS.containsKey(output.getKey()) && output.getValue() != null) {
                execution.setVariable(output.getKey(), output.getValue());
            }
        }
        subjects.of(execution).scheduled(execution, step, deadline, extendedFrom);
    }

    private static final Map<String, Boolean> KIT_OUTPUTS = Map.of(Policy.WORKING_DAYS, true, Policy.REMINDER_WORKING_DAYS_BEFORE, true,
            Policy.SECOND_ESCALATION_WORKING_DAYS_AFTER, true, Policy.MINIMUM_WORKING_DAYS, true);

    /** The deadline the model gave last time: the same again means the step comes back, not that it got a new one. */
    private static boolean isSameDeadline(DelegateExecution execution, String step, Date given) {
        return given.equals(execution.getVariable(givenKey(step)));
    }

    private static String givenKey(String step) {
        return step + "GivenDeadline";
    }

    /** The process's policy for the step; the table is the server's own, so the user completing a task needs no right to it. */
    private static Map<String, Object> evaluate(DelegateExecution execution, String decision, String step) {
        Map<String, Object> variables = new HashMap<>(execution.getVariables());
        variables.put(Policy.STEP, step);
        DmnDecisionResult result = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
                .getDecisionService().evaluateDecisionByKey(decision).decisionDefinitionWithoutTenantId().variables(variables).evaluate());
        if (result.size() != 1) {
            throw new IllegalStateException("Policy " + decision + " gave " + result.size() + " results for step " + step);
        }
        return result.getSingleResult().getEntryMap();
    }

    private static Integer number(Map<String, Object> policy, String name, boolean required) {
        Object value = policy.get(name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (required) {
            throw new IllegalStateException("Policy gave no " + name);
        }
        return null;
    }

    private static Object required(DelegateExecution execution, String input) {
        Object value = execution.getVariableLocal(input);
        if (value == null) {
            throw new IllegalStateException("Input parameter " + input + " missing on " + execution.getCurrentActivityId());
        }
        return value;
    }
}
