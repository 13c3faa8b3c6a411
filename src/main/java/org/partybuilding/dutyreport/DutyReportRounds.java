package org.partybuilding.dutyreport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundProcess;
import org.springframework.stereotype.Component;

/**
 * A duty-report round for the kit: each instance gets the round's year, half and due date; its reviewers are the
 * round's reviewers allowed for its organization, kept in the report's row (the grading step reads them there).
 */
@Component
class DutyReportRounds implements RoundProcess {

    private final DutyReportService reports;
    private final Deadlines deadlines;

    DutyReportRounds(DutyReportService reports, Deadlines deadlines) {
        this.reports = reports;
        this.deadlines = deadlines;
    }

    @Override
    public String processId() {
        return DutyReportProcess.PROCESS_ID;
    }

    @Override
    public String title(Round round, Organization organization) {
        return round.name();
    }

    @Override
    public Map<String, Object> variables(Round round, Organization organization) {
        return Map.of(
                Variables.YEAR, Integer.parseInt(round.parameter(DutyReportService.YEAR_PARAMETER)),
                Variables.HALF, round.parameter(DutyReportService.HALF_PARAMETER),
                Variables.REPORT_DUE_DATE, deadlines.deadlineOf(LocalDate.parse(round.parameter(DutyReportService.DUE_DATE_PARAMETER))),
                Variables.ORGANIZATION_NAME, organization.name(),
                Variables.SECRETARY_TYPE, organization.secretaryType() == null ? "" : organization.secretaryType(),
                // the write form hides this field while it is empty
                Variables.LAST_RETURN_REASON, "");
    }

    @Override
    public void started(Round round, Organization organization, String processInstanceId) {
        @SuppressWarnings("unchecked")
        List<String> reviewers = (List<String>) round.parameters().get(DutyReportService.REVIEWERS_PARAMETER);
        reports.started(round, organization, processInstanceId, reports.allowedReviewers(reviewers, organization));
    }
}
