package org.partybuilding.inspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.partybuilding.inspection.InspectionRound.RoundStatus;
import org.partybuilding.rectification.Severity;

/**
 * A quarter's round as {@code GET /api/inspections/{year}/{quarter}} shows it: the plan, how far the inspections are,
 * every inspected organization and every finding with its rectification item (as far as the caller may see them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectionProgress(int year, int quarter, String businessKey, RoundStatus status, String statusLabel, String theme,
        String scope, Long seed, List<String> checklist, LocalDate dueDate, String processInstanceId, int organizations, int inspected,
        int findingCount, String bulletinNumber, String bulletinUrl, List<Inspected> targets, List<FindingView> findings) {

    /** Every inspection is done: the round is at its re-inspections or over. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean inspectionsDone() {
        return status == RoundStatus.REVISITING || status == RoundStatus.DONE;
    }

    /** One inspected organization, its inspector and result. */
    public record Inspected(String organizationId, String organizationName, String inspectorId, String inspectorName, String status,
            String summary, int findings) {
    }

    /** One finding and the rectification item it opened. */
    public record FindingView(String organizationId, String itemCode, String description, Severity severity, LocalDate dueDate,
            long rectificationItemId, String rectificationStatus, String revisitOutcome, int reopened) {
    }
}
