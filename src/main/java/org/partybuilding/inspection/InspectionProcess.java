package org.partybuilding.inspection;

/** The contract between {@code bpmn/quarterly-inspection.bpmn} and the Java code: ids, variables, values. */
public final class InspectionProcess {

    public static final String PROCESS_ID = "quarterly-inspection";
    public static final String POLICY_DECISION_ID = "quarterly-inspection-policy";

    /** Steps with a deadline (the deadline kit's {@code step} input). */
    public static final String INSPECT_STEP = "inspect";
    public static final String REVISIT_STEP = "revisit";

    /** The BPMN error of {@code Task_AssignInspectors} when the plan cannot be carried out (回避 impossible...). */
    public static final String PLAN_IMPOSSIBLE_ERROR = "PLAN_IMPOSSIBLE";

    /** Name of the message a finding's item sends to its re-inspection when closed or cancelled: {@code 整改销号-<item id>}. */
    public static final String CLOSED_MESSAGE_PREFIX = "整改销号-";

    private InspectionProcess() {
    }

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_InspectionRoundStarted";
        public static final String PLAN_GIVEN_GATEWAY = "Gateway_PlanGiven";
        public static final String PLAN_ROUND_MERGE = "Gateway_PlanRoundMerge";
        public static final String PLAN = "Task_PlanRound";
        public static final String PLAN_MERGE = "Gateway_PlanMerge";
        public static final String ASSIGN_INSPECTORS = "Task_AssignInspectors";
        public static final String PLAN_IMPOSSIBLE = "BoundaryEvent_PlanImpossible";
        public static final String INSPECTIONS = "SubProcess_Inspections";
        public static final String INSPECTION_START = "StartEvent_InspectionStarted";
        public static final String SCHEDULE_INSPECT_DEADLINES = "Task_ScheduleInspectDeadlines";
        public static final String INSPECT = "Task_Inspect";
        public static final String INSPECT_REMINDER_TIMER = "BoundaryEvent_InspectReminderDue";
        public static final String SEND_INSPECT_REMINDER = "Task_SendInspectReminder";
        public static final String INSPECT_DEADLINE_TIMER = "BoundaryEvent_InspectDeadlinePassed";
        public static final String ESCALATE_INSPECT_TO_SUPERVISOR = "Task_EscalateInspectToSupervisor";
        public static final String INSPECT_SECOND_ESCALATION_TIMER = "BoundaryEvent_InspectSecondEscalationDue";
        public static final String ESCALATE_INSPECT_TO_ORG_DEPT = "Task_EscalateInspectToOrgDept";
        public static final String INSPECTED = "EndEvent_Inspected";
        public static final String BULLETIN = "Task_IssueBulletin";
        public static final String REVISITS = "SubProcess_Revisits";
        public static final String REVISIT_START = "StartEvent_RevisitStarted";
        public static final String AWAIT_MERGE = "Gateway_AwaitClosureMerge";
        public static final String CLOSED_GATEWAY = "Gateway_ItemClosed";
        public static final String ITEM_CLOSED = "Event_ItemClosed";
        public static final String CLOSED_MERGE = "Gateway_ClosedMerge";
        public static final String CANCELLED_GATEWAY = "Gateway_ItemCancelled";
        public static final String ITEM_CANCELLED = "EndEvent_ItemCancelled";
        public static final String REVISIT_DUE = "Event_RevisitDue";
        public static final String SCHEDULE_REVISIT_DEADLINES = "Task_ScheduleRevisitDeadlines";
        public static final String REVISIT = "Task_Revisit";
        public static final String REVISIT_REMINDER_TIMER = "BoundaryEvent_RevisitReminderDue";
        public static final String SEND_REVISIT_REMINDER = "Task_SendRevisitReminder";
        public static final String REVISIT_DEADLINE_TIMER = "BoundaryEvent_RevisitDeadlinePassed";
        public static final String ESCALATE_REVISIT_TO_SUPERVISOR = "Task_EscalateRevisitToSupervisor";
        public static final String REVISIT_SECOND_ESCALATION_TIMER = "BoundaryEvent_RevisitSecondEscalationDue";
        public static final String ESCALATE_REVISIT_TO_ORG_DEPT = "Task_EscalateRevisitToOrgDept";
        public static final String RELAPSED_GATEWAY = "Gateway_Relapsed";
        public static final String REOPEN = "Task_ReopenItem";
        public static final String CONSOLIDATED = "EndEvent_Consolidated";
        public static final String DONE = "EndEvent_QuarterDone";

        private Elements() {
        }
    }

    /** Process variables. The plan, targets, inspectors and findings live in the tables, never in variables a user writes. */
    public static final class Variables {
        public static final String YEAR = "year";
        public static final String QUARTER = "quarter";
        /** True when the round was started with a whole plan (the API): the planning task is skipped. */
        public static final String PLANNED = "planned";
        /** Why the last plan could not be carried out: shown by the planning form. */
        public static final String PLAN_PROBLEM = "planProblem";
        /** The due date of every inspection (its deadline: the end of that day), set from the validated plan. */
        public static final String INSPECTION_DUE_DATE = "inspectionDueDate";
        /** The multi-instance element variables: the organization, a finding's item. */
        public static final String INSPECTED_ORGANIZATION_ID = "inspectedOrganizationId";
        public static final String ITEM_ID = "itemId";
        /** Filled in by the planning form. */
        public static final String THEME = "theme";
        public static final String SCOPE_KIND = "scopeKind";
        public static final String SCOPE_DOMAIN = "scopeDomain";
        public static final String SCOPE_ORGANIZATION_ID = "scopeOrganizationId";
        public static final String SAMPLE_SIZE = "sampleSize";
        public static final String SEED = "seed";
        public static final String CHECKLIST = "checklist";
        public static final String INSPECTORS = "inspectors";
        public static final String DUE_DATE = "dueDate";
        /** Filled in by the inspection form. */
        public static final String SUMMARY = "summary";
        public static final String NO_FINDINGS = "noFindings";
        public static final String FINDINGS = "findings";
        /** Filled in by the bulletin form. */
        public static final String DOCUMENT_NUMBER = "documentNumber";
        public static final String REMARKS = "remarks";
        /** Filled in by the re-inspection form; {@code relapsed} is set from the outcome by the server. */
        public static final String REVISIT_OUTCOME = "revisitOutcome";
        public static final String REVISIT_NOTE = "revisitNote";
        public static final String NEW_DUE_DATE = "newDueDate";
        public static final String RELAPSED = "relapsed";

        private Variables() {
        }
    }

    /** Values of the re-inspection form's {@code revisitOutcome} field. */
    public static final String CONSOLIDATED_OUTCOME = "CONSOLIDATED";
    public static final String RELAPSED_OUTCOME = "RELAPSED";
}
