package org.partybuilding.annual;

/** The contract between {@code bpmn/annual-cycle.bpmn} and the Java code: ids, variables, values. */
public final class AnnualCycleProcess {

    public static final String PROCESS_ID = "annual-cycle";

    private AnnualCycleProcess() {
    }

    /** Flow node ids of the model. */
    public static final class Elements {
        public static final String START = "StartEvent_YearStarted";
        public static final String CONFERENCE = "Task_HoldConference";
        public static final String PUBLISH_LISTS = "Task_PublishLists";
        public static final String FORK = "Gateway_StagesFork";
        public static final String INSPECTION_LOOP = "Gateway_InspectionLoop";
        public static final String INSPECTION_DUE = "Event_InspectionDue";
        public static final String START_INSPECTION = "Task_StartInspection";
        public static final String ALL_QUARTERS = "Gateway_AllQuartersStarted";
        public static final String MID_YEAR_DUE = "Event_MidYearReportsDue";
        public static final String START_MID_YEAR = "Task_StartMidYearReports";
        public static final String YEAR_END_DUE = "Event_YearEndReportsDue";
        public static final String START_YEAR_END = "Task_StartYearEndReports";
        public static final String SURVEY_WINDOW = "Event_SurveyWindowOpens";
        public static final String CONFIRM_SURVEY = "Task_ConfirmSurvey";
        public static final String JOIN = "Gateway_StagesJoin";
        public static final String ASSESSMENT_DUE = "Event_AssessmentDue";
        public static final String ASSESS = "Task_Assess";
        public static final String RESULTS_FORK = "Gateway_ResultsFork";
        public static final String TALK = "Task_PerformanceTalk";
        public static final String CONFIRM_LISTS = "Task_ConfirmHonoursAndAccountability";
        public static final String RESULTS_JOIN = "Gateway_ResultsJoin";
        public static final String DONE = "EndEvent_YearDone";

        private Elements() {
        }
    }

    /** Process variables; the schedule, the record of each stage and the results live in the tables. */
    public static final class Variables {
        public static final String YEAR = "year";
        /** The quarter whose inspection round the loop starts next (1–4), kept by the server. */
        public static final String NEXT_QUARTER = "nextQuarter";
        /** The multi-instance element variable of the performance talks. */
        public static final String TALK_ORGANIZATION_ID = "talkOrganizationId";
        /** Filled in by the conference form. */
        public static final String CONFERENCE_DATE = "conferenceDate";
        public static final String DECISIONS = "decisions";
        public static final String TARGETS = "targets";
        public static final String TEN_PROJECTS = "tenProjects";
        /** Filled in by the talk form. */
        public static final String TALK_DATE = "talkDate";
        public static final String TALK_NOTES = "talkNotes";
        /** Filled in by the confirmation forms. */
        public static final String NOTE = "note";

        private Variables() {
        }
    }

    /** The stages' dates in the schedule (keys of {@code annual_cycle.schedule}). */
    public static final class Schedule {
        public static final String Q1 = "q1InspectionAt";
        public static final String Q2 = "q2InspectionAt";
        public static final String Q3 = "q3InspectionAt";
        public static final String Q4 = "q4InspectionAt";
        public static final String MID_YEAR_REPORTS = "midYearReportsAt";
        public static final String YEAR_END_REPORTS = "yearEndReportsAt";
        public static final String SURVEY_WINDOW = "surveyWindowAt";
        public static final String ASSESSMENT = "assessmentAt";

        private Schedule() {
        }
    }
}
