package org.partybuilding.annual;

/** The contract between {@code bpmn/list-signing.bpmn} and the Java code: ids, variables, values. */
public final class ListSigningProcess {

    public static final String PROCESS_ID = "list-signing";
    public static final String POLICY_DECISION_ID = "list-signing-policy";
    public static final String SIGN_STEP = "sign";

    private ListSigningProcess() {
    }

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_SigningStarted";
        public static final String SCHEDULE_SIGN_DEADLINES = "Task_ScheduleSignDeadlines";
        public static final String SIGN = "Task_SignList";
        public static final String SIGN_REMINDER_TIMER = "BoundaryEvent_SignReminderDue";
        public static final String SEND_SIGN_REMINDER = "Task_SendSignReminder";
        public static final String SIGN_DEADLINE_TIMER = "BoundaryEvent_SignDeadlinePassed";
        public static final String ESCALATE_SIGN_TO_SUPERVISOR = "Task_EscalateSignToSupervisor";
        public static final String SIGN_SECOND_ESCALATION_TIMER = "BoundaryEvent_SignSecondEscalationDue";
        public static final String ESCALATE_SIGN_TO_ORG_DEPT = "Task_EscalateSignToOrgDept";
        public static final String SIGNED = "EndEvent_ListSigned";

        private Elements() {
        }
    }

    /** Process variables. */
    public static final class Variables {
        public static final String YEAR = "year";
        /** The round's due date (its deadline: the end of that day). */
        public static final String SIGN_DUE_DATE = "signDueDate";
        /** Filled in by the form: the secretary's commitment. */
        public static final String CONFIRMED = "confirmed";

        private Variables() {
        }
    }
}
