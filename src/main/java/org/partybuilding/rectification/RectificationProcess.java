package org.partybuilding.rectification;

/** The contract between {@code bpmn/rectification.bpmn} and the Java code: ids, variables, groups. */
public final class RectificationProcess {

    public static final String PROCESS_ID = "rectification";
    public static final String POLICY_DECISION_ID = "rectification-policy";

    private RectificationProcess() {
    }

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_RectificationOpened";
        public static final String DETERMINE_POLICY = "Task_DeterminePolicy";
        public static final String SCHEDULE_DEADLINES = "Task_ScheduleDeadlines";
        public static final String SUB_PROCESS = "SubProcess_Rectification";
        public static final String SUBMIT = "Task_SubmitRectification";
        public static final String VERIFY = "Task_VerifyRectification";
        public static final String ACCEPTED_GATEWAY = "Gateway_RectificationAccepted";
        public static final String REJECTION_LIMIT_GATEWAY = "Gateway_RejectionLimitReached";
        public static final String REJECTION_LIMIT_END = "EndEvent_RejectionLimitReached";
        public static final String ACCEPTED_END = "EndEvent_RectificationAccepted";
        public static final String REMINDER_TIMER = "BoundaryEvent_ReminderDue";
        public static final String SEND_REMINDER = "Task_SendReminder";
        public static final String DEADLINE_TIMER = "BoundaryEvent_DeadlinePassed";
        public static final String ESCALATE_TO_SUPERVISOR = "Task_EscalateToSupervisor";
        public static final String SECOND_ESCALATION_TIMER = "BoundaryEvent_SecondEscalationDue";
        public static final String ESCALATE_TO_ORG_DEPT = "Task_EscalateToOrgDept";
        public static final String REJECTION_LIMIT_BOUNDARY = "BoundaryEvent_RejectionLimitReached";
        public static final String MARK_ACCOUNTABILITY = "Task_MarkAccountability";
        public static final String DECIDE_ACCOUNTABILITY = "Task_DecideAccountability";
        public static final String CLOSE_ITEM = "Task_CloseItem";
        public static final String CLOSED_END = "EndEvent_RectificationClosed";

        private Elements() {
        }
    }

    /**
     * Process variables. Documents and history live in the ledger tables; these are ids, dates, flags and the texts
     * the forms show. The ledger item is the business key; who verifies comes from the ledger when the task is
     * created ({@code rectificationVerifiers}); users can write none of these (only their form's fields).
     */
    public static final class Variables {
        public static final String ORGANIZATION_ID = "organizationId";
        public static final String SECRETARY_USER_ID = "secretaryUserId";
        public static final String SEVERITY = "severity";
        public static final String DUE_DATE = "dueDate";
        public static final String POLICY = "policy";
        public static final String REMINDER_AT = "reminderAt";
        public static final String ESCALATION_AT = "escalationAt";
        public static final String SECOND_ESCALATION_AT = "secondEscalationAt";
        public static final String MAX_REJECTIONS = "maxRejections";
        public static final String ROUND_REJECTIONS = "roundRejections";
        public static final String ACCEPTED = "accepted";
        public static final String ACCOUNTABILITY_DECISION = "accountabilityDecision";
        /** Shown by the forms. */
        public static final String TITLE = "title";
        public static final String DESCRIPTION = "description";
        public static final String DUE_DATE_TEXT = "dueDateText";
        public static final String ACCOUNTABILITY_REASON_TEXT = "accountabilityReasonText";
        /** Filled in by the forms. */
        public static final String MEASURES = "measures";
        public static final String EVIDENCE = "evidence";
        public static final String VERIFICATION = "verification";
        public static final String REJECTION_REASON = "rejectionReason";
        public static final String NEW_DUE_DATE = "newDueDate";
        public static final String ACCOUNTABILITY_NOTE = "accountabilityNote";

        private Variables() {
        }
    }

    /** Values of the verification form's {@code verification} field. */
    public static final String VERIFICATION_ACCEPT = "ACCEPT";
    public static final String VERIFICATION_REJECT = "REJECT";
    /** Values of the accountability form's {@code accountabilityDecision} field. */
    public static final String DECISION_RESTART = "RESTART";
    public static final String DECISION_CLOSE = "CLOSE";

    /** Outputs of the policy decision table. */
    public static final class Policy {
        public static final String REMINDER_DAYS_BEFORE = "reminderDaysBefore";
        public static final String ESCALATION_DAYS_AFTER = "escalationDaysAfter";
        public static final String SECOND_ESCALATION_DAYS_AFTER = "secondEscalationDaysAfter";
        public static final String MAX_REJECTIONS = "maxRejections";

        private Policy() {
        }
    }
}
