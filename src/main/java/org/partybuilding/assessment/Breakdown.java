package org.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How an organization's cup score came about, stored with its result (jsonb) and shown on its report card. Codes
 * stay as the ledger has them; every code has its Chinese label next to it.
 *
 * @param components   the four components: score (null when missing), configured and used weight, points contributed
 * @param weightNote   in Chinese, which components were missing and where their weight went; null when none was
 * @param dutyReports  the year's graded duty reports
 * @param surveyScore  the survey's overall score, null without one
 */
record Breakdown(
        List<ComponentLine> components,
        String weightNote,
        List<DutyReportLine> dutyReports,
        Rectification rectification,
        BigDecimal surveyScore,
        Signature signature) {

    record ComponentLine(String component, String label, BigDecimal score, boolean missing, BigDecimal configuredWeight,
            BigDecimal weightUsed, BigDecimal points) {
    }

    record DutyReportLine(String half, String halfLabel, BigDecimal meanScore, String grade) {
    }

    /** 100 minus the items' points, at least 0; {@code inspectionFindings} counts the year's findings by severity. */
    record Rectification(BigDecimal score, int deductions, int accountabilityItems, List<ItemLine> items,
            List<FindingCount> inspectionFindings) {
    }

    record ItemLine(long id, String source, String sourceLabel, String title, String severity, String severityLabel,
            LocalDate dueDate, String status, String statusLabel, LocalDate closedOn, String outcome, String outcomeLabel,
            int points) {
    }

    record FindingCount(String severity, String severityLabel, int count) {
    }

    record Signature(boolean signed, OffsetDateTime signedAt, LocalDate dueDate, boolean late, String label, BigDecimal score) {
    }
}
