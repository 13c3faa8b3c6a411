package org.partybuilding.rectification;

/** The contract between {@code bpmn/rectification.bpmn} and the Java code: ids, variables, groups. */
public final class RectificationProcess {

    public static final String PROCESS_ID = "rectification";
    public static final String POLICY_DECISION_ID = "rectification-policy";

    private RectificationProcess() {
    }

    /** Steps with a deadline (the deadline kit's {@code step} input and the prefix of their variables). */
    public static final String SUBMIT_STEP = "submit";
    public static final String VERIFY_STEP = "verify";

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_RectificationOpened";
        public static final String DEADLINES_MERGE = "Gateway_DeadlinesMerge";
        public static final String SCHEDULE_SUBMIT_DEADLINES = "Task_ScheduleSubmitDeadlines";
        public static final String SUBMIT = "Task_SubmitRectification";
        public static final String SUBMIT_REMINDER_TIMER = "BoundaryEvent_SubmitReminderDue";
        public static final String SEND_SUBMIT_REMINDER = "Task_SendSubmitReminder";
        public static final String SUBMIT_DEADLINE_TIMER = "BoundaryEvent_SubmitDeadlinePassed";
        public static final String ESCALATE_SUBMIT_TO_SUPERVISOR = "Task_EscalateSubmitToSupervisor";
        public static final String SUBMIT_SECOND_ESCALATION_TIMER = "BoundaryEvent_SubmitSecondEscalationDue";
        public static final String ESCALATE_SUBMIT_TO_ORG_DEPT = "Task_EscalateSubmitToOrgDept";
        public static final String SCHEDULE_VERIFY_DEADLINES = "Task_ScheduleVerifyDeadlines";
        public static final String VERIFY = "Task_VerifyRectification";
        public static final String VERIFY_REMINDER_TIMER = "BoundaryEvent_VerifyReminderDue";
        public static final String SEND_VERIFY_REMINDER = "Task_SendVerifyReminder";
        public static final String VERIFY_DEADLINE_TIMER = "BoundaryEvent_VerifyDeadlinePassed";
        public static final String ESCALATE_VERIFY_TO_SUPERVISOR = "Task_EscalateVerifyToSupervisor";
        public static final String VERIFY_SECOND_ESCALATION_TIMER = "BoundaryEvent_VerifySecondEscalationDue";
        public static final String ESCALATE_VERIFY_TO_ORG_DEPT = "Task_EscalateVerifyToOrgDept";
        public static final String ACCEPTED_GATEWAY = "Gateway_RectificationAccepted";
        public static final String REJECTION_LIMIT_GATEWAY = "Gateway_RejectionLimitReached";
        public static final String ACCOUNTABILITY_MERGE = "Gateway_AccountabilityMerge";
        public static final String MARK_ACCOUNTABILITY = "Task_MarkAccountability";
        public static final String DECIDE_ACCOUNTABILITY = "Task_DecideAccountability";
        public static final String ACCOUNTABILITY_DECISION = "Gateway_AccountabilityDecision";
        public static final String CLOSE_MERGE = "Gateway_CloseMerge";
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
        /** The item's due date (its deadline: the end of that day); the submit step's deadline may be later after a return. */
        public static final String DUE_DATE = "dueDate";
        /** Set by the policy table through the deadline kit. */
        public static final String MAX_REJECTIONS = "maxRejections";
        public static final String ROUND_REJECTIONS = "roundRejections";
        public static final String ACCEPTED = "accepted";
        public static final String ACCOUNTABILITY_DECISION = "accountabilityDecision";
        /** Shown by the forms. */
        public static final String TITLE = "title";
        public static final String DESCRIPTION = "description";
        public static final String DUE_DATE_TEXT = "dueDateText";
        public static final String ACCOUNTABILITY_REASON_TEXT = "accountabilityReasonText";
        /** The ledger item's id, set at the start: the submit and verify forms link to its evidence page (never read back). */
        public static final String ITEM_ID = "itemId";
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
}
