package org.partybuilding.annual;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * How a year's cycle starts: its schedule (every stage's date; any left out takes the default of the year) and the
 * duty reports' reviewers (default: the organization department and the city's inspectors). For a demonstration, a
 * whole year runs in minutes when every date is given a few minutes apart.
 */
@Schema(description = "发起年度流程")
public record NewCycle(
        @Schema(description = "各阶段时间（ISO 8601，含时区），键：q1InspectionAt、q2InspectionAt、q3InspectionAt、q4InspectionAt、"
                + "midYearReportsAt、yearEndReportsAt、surveyWindowAt、assessmentAt；不填的取默认日程")
        Map<String, OffsetDateTime> schedule,
        @Schema(description = "述职评议人（用户名）；不填为组织部和市级督查组成员") List<String> dutyReportReviewers) {
}
