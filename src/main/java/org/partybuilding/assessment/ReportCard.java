package org.partybuilding.assessment;

import java.math.BigDecimal;

/** A line of the year's report cards (成绩单): components (null = missing), cup score, stars, rank. */
record ReportCard(
        String organizationId,
        String organizationName,
        String secretaryName,
        BigDecimal dutyReportScore,
        BigDecimal rectificationScore,
        BigDecimal surveyScore,
        BigDecimal listScore,
        BigDecimal cupScore,
        int stars,
        int rank) {

    static ReportCard of(AssessmentResult result) {
        Components scores = result.scores();
        return new ReportCard(result.organizationId(), result.organizationName(), result.secretaryName(), scores.dutyReport(),
                scores.rectification(), scores.survey(), scores.list(), result.cupScore(), result.stars(), result.rank());
    }
}
