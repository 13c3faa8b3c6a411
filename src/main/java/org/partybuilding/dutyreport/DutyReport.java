package org.partybuilding.dutyreport;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A duty report as {@code GET /api/duty-reports} lists it: status, score and grade; the scores on request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DutyReport(
        long id,
        int year,
        Half half,
        String organizationId,
        String organizationName,
        ReportStatus status,
        OffsetDateTime submittedAt,
        int returns,
        List<String> reviewerIds,
        BigDecimal meanScore,
        String grade,
        OffsetDateTime gradedAt,
        String processInstanceId,
        String businessKey) {
}
