package org.partybuilding.dutyreport;

/** The contract between {@code bpmn/duty-report.bpmn} and the Java code: ids, variables, values. */
public final class DutyReportProcess {

    public static final String PROCESS_ID = "duty-report";
    public static final String POLICY_DECISION_ID = "duty-report-policy";
    public static final String GRADE_DECISION_ID = "duty-review-grade";

    /** Steps with a deadline (the deadline kit's {@code step} input and the prefix of their variables). */
    public static final String WRITE_STEP = "write";
    public static final String REVIEW_STEP = "review";
    public static final String GRADE_STEP = "grade";

    private DutyReportProcess() {
    }

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_DutyReportStarted";
        public static final String WRITE_MERGE = "Gateway_WriteMerge";
        public static final String SCHEDULE_WRITE_DEADLINES = "Task_ScheduleWriteDeadlines";
        public static final String WRITE = "Task_WriteReport";
        public static final String WRITE_REMINDER_TIMER = "BoundaryEvent_WriteReminderDue";
        public static final String SEND_WRITE_REMINDER = "Task_SendWriteReminder";
        public static final String WRITE_DEADLINE_TIMER = "BoundaryEvent_WriteDeadlinePassed";
        public static final String ESCALATE_WRITE_TO_SUPERVISOR = "Task_EscalateWriteToSupervisor";
        public static final String WRITE_SECOND_ESCALATION_TIMER = "BoundaryEvent_WriteSecondEscalationDue";
        public static final String ESCALATE_WRITE_TO_ORG_DEPT = "Task_EscalateWriteToOrgDept";
        public static final String SCHEDULE_REVIEW_DEADLINES = "Task_ScheduleReviewDeadlines";
        public static final String REVIEW = "Task_ReviewReport";
        public static final String REVIEW_REMINDER_TIMER = "BoundaryEvent_ReviewReminderDue";
        public static final String SEND_REVIEW_REMINDER = "Task_SendReviewReminder";
        public static final String REVIEW_DEADLINE_TIMER = "BoundaryEvent_ReviewDeadlinePassed";
        public static final String ESCALATE_REVIEW_TO_SUPERVISOR = "Task_EscalateReviewToSupervisor";
        public static final String REVIEW_SECOND_ESCALATION_TIMER = "BoundaryEvent_ReviewSecondEscalationDue";
        public static final String ESCALATE_REVIEW_TO_ORG_DEPT = "Task_EscalateReviewToOrgDept";
        public static final String APPROVED_GATEWAY = "Gateway_ReportApproved";
        public static final String SCHEDULE_GRADE_DEADLINES = "Task_ScheduleGradeDeadlines";
        public static final String GRADE = "Task_GradeReport";
        public static final String GRADE_REMINDER_TIMER = "BoundaryEvent_GradeReminderDue";
        public static final String SEND_GRADE_REMINDER = "Task_SendGradeReminder";
        public static final String GRADE_DEADLINE_TIMER = "BoundaryEvent_GradeDeadlinePassed";
        public static final String ESCALATE_GRADE_TO_SUPERVISOR = "Task_EscalateGradeToSupervisor";
        public static final String GRADE_SECOND_ESCALATION_TIMER = "BoundaryEvent_GradeSecondEscalationDue";
        public static final String ESCALATE_GRADE_TO_ORG_DEPT = "Task_EscalateGradeToOrgDept";
        public static final String COMPUTE_SCORE = "Task_ComputeScore";
        public static final String DETERMINE_GRADE = "Task_DetermineGrade";
        public static final String RECORD_GRADE = "Task_RecordGrade";
        public static final String GRADED_END = "EndEvent_DutyReportGraded";

        private Elements() {
        }
    }

    /**
     * Process variables. The report's texts are the write form's fields; scores and the grade live in the tables.
     * Who reviews and who grades come from the round (the table), never from a task user.
     */
    public static final class Variables {
        public static final String YEAR = "year";
        public static final String HALF = "half";
        /** The round's due date for the report (its deadline: the end of that day). */
        public static final String REPORT_DUE_DATE = "reportDueDate";
        public static final String ORGANIZATION_NAME = "organizationName";
        /** The organization's secretary type when the round started it ("" for none): which list the write form shows. */
        public static final String SECRETARY_TYPE = "secretaryType";
        /** Shown read-only by the write form (local to the write task): the secretary's responsibility list for the year. */
        public static final String LIST_TEXT = "listText";
        /** Filled in by the write form. */
        public static final String WORK_DONE = "workDone";
        public static final String PROBLEMS = "problems";
        public static final String NEXT_STEPS = "nextSteps";
        /** Filled in by the review form (local to the review task). */
        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String RETURN_REASON = "returnReason";
        /** Set when the report was returned: shown by the write form. */
        public static final String LAST_RETURN_REASON = "lastReturnReason";
        public static final String APPROVED = "approved";
        /** The multi-instance element variable: the reviewer of one grading task. */
        public static final String REVIEWER = "reviewer";
        /** Filled in by the grading form (local to each grading task). */
        public static final String SCORE = "score";
        public static final String COMMENT = "comment";
        public static final String REVIEW_PROBLEMS = "reviewProblems";
        /** The mean the grade table reads, and its result. */
        public static final String MEAN_SCORE = "meanScore";
        public static final String GRADE = "grade";
        /** Set by the policy table through the deadline kit: due date of the rectification items the review opens. */
        public static final String RECTIFICATION_WORKING_DAYS = "rectificationWorkingDays";

        private Variables() {
        }
    }

    /** Values of the review form's {@code reviewDecision} field. */
    public static final String REVIEW_APPROVE = "APPROVE";
    public static final String REVIEW_RETURN = "RETURN";
}
