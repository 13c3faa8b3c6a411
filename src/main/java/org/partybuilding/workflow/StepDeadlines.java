package org.partybuilding.workflow;

/**
 * The variables the kit's {@code scheduleDeadlinesDelegate} writes for a step, named after the step: for the step
 * {@code submit}, {@code submitDeadline} (the task's {@code camunda:dueDate}), {@code submitReminderAt},
 * {@code submitEscalationAt} and {@code submitSecondEscalationAt} (its boundary timers) and {@code submitDeadlineText}
 * (shown by forms). Models use these names; code uses these methods.
 */
public final class StepDeadlines {

    /** Input parameters of the kit's delegates. */
    public static final String STEP = "step";
    public static final String POLICY = "policy";
    public static final String DEADLINE = "deadline";

    /** Input and outputs of a process's policy table (DMN) that the kit reads; other outputs become process variables. */
    public static final class Policy {
        public static final String STEP = "step";
        /** The step is due this many working days after it starts (when the model gives no deadline). */
        public static final String WORKING_DAYS = "workingDays";
        public static final String REMINDER_WORKING_DAYS_BEFORE = "reminderWorkingDaysBefore";
        public static final String SECOND_ESCALATION_WORKING_DAYS_AFTER = "secondEscalationWorkingDaysAfter";
        /** A step entered again with the same deadline (returned work) gets at least this many working days. */
        public static final String MINIMUM_WORKING_DAYS = "minimumWorkingDays";

        private Policy() {
        }
    }

    private StepDeadlines() {
    }

    public static String deadline(String step) {
        return step + "Deadline";
    }

    public static String reminderAt(String step) {
        return step + "ReminderAt";
    }

    public static String escalationAt(String step) {
        return step + "EscalationAt";
    }

    public static String secondEscalationAt(String step) {
        return step + "SecondEscalationAt";
    }

    public static String deadlineText(String step) {
        return step + "DeadlineText";
    }
}
